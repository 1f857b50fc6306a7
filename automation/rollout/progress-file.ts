import * as fs from "fs";
import * as path from "path";

/** The four steps of every stack, in order. */
export const rolloutSteps = ["preview", "up", "health", "converged"] as const;
export type RolloutStep = (typeof rolloutSteps)[number];

export const stepTitles: Record<RolloutStep, string> = {
  preview: "preview with the policy pack",
  up: "update",
  health: "health check",
  converged: "second preview (no changes expected)",
};

export type StackStatus = "pending" | "running" | "succeeded" | "failed" | "stopped";

export interface StackRecord {
  readonly wave: number;
  status: StackStatus;
  /** The step running, or where the stack failed or stopped. */
  step?: RolloutStep;
  error?: string;
  startedAt?: number;
  finishedAt?: number;
  /** Resources the first preview would change. */
  previewChanges?: number;
  /** Resources the update changed. */
  upChanges?: number;
  health?: string;
}

/** What `--resume` needs: the plan and each stack's outcome. Written after every step. */
export interface RolloutProgress {
  readonly version: 1;
  readonly waves: readonly (readonly string[])[];
  readonly startedAt: number;
  updatedAt: number;
  readonly stacks: Record<string, StackRecord>;
}

export interface ProgressStore {
  /** A human-readable location for messages. */
  readonly location: string;
  load(): RolloutProgress | undefined;
  save(progress: RolloutProgress): void;
}

export class ProgressFileError extends Error {}

/** `out/rollout/progress.json`, written atomically (temp file + rename) so a crash never truncates it. */
export class FileProgressStore implements ProgressStore {
  constructor(readonly location: string) {}

  load(): RolloutProgress | undefined {
    if (!fs.existsSync(this.location)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(this.location, "utf8"));
    } catch (error) {
      throw new ProgressFileError(`${this.location}: not valid JSON (${(error as Error).message}); delete it to start a fresh rollout`);
    }
    const problem = progressProblem(parsed);
    if (problem) throw new ProgressFileError(`${this.location}: ${problem}; delete it to start a fresh rollout`);
    return parsed as RolloutProgress;
  }

  save(progress: RolloutProgress): void {
    fs.mkdirSync(path.dirname(this.location), { recursive: true });
    const temp = `${this.location}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(progress, null, 2)}\n`);
    fs.renameSync(temp, this.location);
  }
}

const statuses: readonly StackStatus[] = ["pending", "running", "succeeded", "failed", "stopped"];

/**
 * Why `value` cannot be resumed from, or undefined when it can: the file is written by this
 * program, but a person may edit it, or copy one from another checkout. Every stack of the waves
 * needs a record with a status; the rest is optional.
 */
function progressProblem(value: unknown): string | undefined {
  const progress = value as Partial<RolloutProgress> | null;
  const isWaves = (waves: unknown) => Array.isArray(waves) && waves.every((wave) => Array.isArray(wave) && wave.every((s) => typeof s === "string"));
  if (!progress || typeof progress !== "object" || progress.version !== 1 || !isWaves(progress.waves) || !progress.stacks || typeof progress.stacks !== "object") {
    return "not a rollout progress file (version 1)";
  }
  for (const stack of (progress.waves ?? []).flat()) {
    const record = (progress.stacks as Record<string, StackRecord | undefined>)[stack];
    if (!record || typeof record !== "object") return `stack '${stack}' of its waves has no record`;
    if (!statuses.includes(record.status)) return `stack '${stack}' has status '${String(record.status)}' (allowed: ${statuses.join(", ")})`;
  }
  return undefined;
}

/**
 * The command that continues a failed rollout: it names the progress file when it is not the
 * default one, or the resume would look in the wrong place.
 */
export function resumeCommand(location: string, defaultLocation: string): string {
  const base = "npm run rollout -- --resume";
  if (path.resolve(location) === path.resolve(defaultLocation)) return base;
  return `${base} --progress-file ${/^[\w@%+=:,./-]+$/.test(location) ? location : `'${location.replace(/'/g, "'\\''")}'`}`;
}

/** Keeps progress in memory (tests, and dry runs that must not write). */
export class MemoryProgressStore implements ProgressStore {
  readonly location = "(memory)";
  saved: RolloutProgress | undefined;

  constructor(initial?: RolloutProgress) {
    this.saved = initial && clone(initial);
  }

  load(): RolloutProgress | undefined {
    return this.saved && clone(this.saved);
  }

  save(progress: RolloutProgress): void {
    this.saved = clone(progress);
  }
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The stacks a resumed rollout still has to run: all but those that succeeded. */
export function unfinishedStacks(progress: RolloutProgress): string[] {
  return progress.waves.flat().filter((stack) => progress.stacks[stack]?.status !== "succeeded");
}
