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
    const progress = parsed as RolloutProgress;
    if (progress?.version !== 1 || !Array.isArray(progress.waves) || typeof progress.stacks !== "object") {
      throw new ProgressFileError(`${this.location}: not a rollout progress file (version 1); delete it to start a fresh rollout`);
    }
    return progress;
  }

  save(progress: RolloutProgress): void {
    fs.mkdirSync(path.dirname(this.location), { recursive: true });
    const temp = `${this.location}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(progress, null, 2)}\n`);
    fs.renameSync(temp, this.location);
  }
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
