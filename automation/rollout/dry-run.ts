import * as fs from "fs";
import * as path from "path";
import { LockWait } from "../driver/retry";
import { formatDuration } from "../shared/clock";
import type { HealthPolicy } from "../shared/http";
import type { StackInfo } from "../stacks/catalog";
import { waves } from "../stacks/graph";
import type { StackGraph } from "../stacks/graph";
import { ProgressFileError, ProgressStore, stepTitles, unfinishedStacks } from "./progress-file";
import { resumeProblem } from "./run";

export interface RolloutExplainInput {
  readonly graph: StackGraph;
  readonly stacks: ReadonlyMap<string, StackInfo>;
  readonly store: ProgressStore;
  readonly resume: boolean;
  readonly policyPackPath: string;
  readonly health: HealthPolicy;
  readonly lockWait: LockWait;
  readonly root: string;
}

export interface Explanation {
  readonly lines: string[];
  /** Problems a real run would stop on; the dry run exits non-zero when there are any. */
  readonly blockers: string[];
}

/** The policy pack is present when its PulumiPolicy.yaml is. */
export function policyPackPresent(policyPackPath: string): boolean {
  return fs.existsSync(path.join(policyPackPath, "PulumiPolicy.yaml"));
}

/**
 * What `npm run rollout` would do, from the stack files and the graph alone: no Pulumi CLI, no
 * backend, no AWS credentials. The graph and the configs are already validated when this runs.
 */
export function explainRollout(input: RolloutExplainInput): Explanation {
  const { graph, stacks, health, lockWait } = input;
  const relative = (p: string) => path.relative(input.root, p) || ".";
  const pack = relative(input.policyPackPath);
  const plan = waves(graph);
  const blockers: string[] = [];
  const lines: string[] = ["Rollout plan (dry run: nothing is previewed, updated or written)", ""];

  lines.push("Checked offline:");
  lines.push(`  ok  rollout graph (automation/stacks/graph.ts): no cycle, every stack has a stack file`);
  lines.push(`  ok  stack config valid: ${[...stacks.keys()].join(", ")}`);
  for (const info of stacks.values()) {
    const primary = info.config.dr?.primaryStack;
    if (info.config.role === "standby" && primary) lines.push(`  ok  ${info.name} stands by for ${primary} and is rolled out after it`);
  }
  // checkAccounts (automation/stacks/accounts.ts) has passed: one baseline owner per account and region, rolled out first.
  for (const info of stacks.values()) {
    const account = info.config.account;
    if (!account) {
      lines.push(`  --  ${info.name} names no account: it deploys wherever the credentials reach (disposable only)`);
      continue;
    }
    const as = account.role ? `as ${account.role.arn}` : "with the ambient credentials";
    const baseline = account.baseline ? `; owns the account baseline in ${info.config.region}` : "";
    lines.push(`  ok  ${info.name} deploys into account ${account.id} ${as}${baseline}`);
  }
  if (policyPackPresent(input.policyPackPath)) {
    lines.push(`  ok  policy pack ${pack}/PulumiPolicy.yaml present`);
  } else {
    lines.push(`  !!  policy pack ${pack}/PulumiPolicy.yaml missing: a real rollout refuses to update without its gate`);
    blockers.push(`policy pack missing at ${pack}`);
  }

  let skip = new Set<string>();
  let saved: ReturnType<ProgressStore["load"]>;
  let unreadable = false;
  try {
    saved = input.store.load();
  } catch (error) {
    if (!(error instanceof ProgressFileError)) throw error;
    unreadable = true;
    lines.push(`  !!  ${error.message}`);
    if (input.resume) blockers.push(error.message);
  }
  const refusal = input.resume && saved ? resumeProblem(saved, plan, relative(input.store.location)) : undefined;
  if (refusal) {
    lines.push(`  !!  --resume: ${refusal}`);
    blockers.push(refusal);
  } else if (input.resume) {
    if (!saved) {
      if (!unreadable) {
        lines.push(`  !!  --resume: no progress file at ${relative(input.store.location)}`);
        blockers.push("nothing to resume");
      }
    } else {
      const remaining = unfinishedStacks(saved);
      skip = new Set(saved.waves.flat().filter((s) => !remaining.includes(s)));
      const first = remaining[0];
      const record = first ? saved.stacks[first] : undefined;
      lines.push(`  ok  --resume from ${relative(input.store.location)}: ${skip.size > 0 ? `skips ${[...skip].join(", ")} (succeeded)` : "nothing succeeded yet"}`);
      if (record) lines.push(`      continues at ${first} (${record.status}${record.step ? ` at ${record.step}` : ""}${record.error ? `: ${record.error.split("\n")[0]}` : ""})`);
    }
  } else if (saved && unfinishedStacks(saved).length > 0) {
    lines.push(`  --  ${relative(input.store.location)} holds an unfinished rollout; without --resume it is started over`);
  }

  lines.push("");
  lines.push("Needs at run time (not checked by --dry-run): the Pulumi CLI, each stack's backend (pulumi login),");
  lines.push("the stacks created in it (pulumi stack init), and AWS credentials that may assume each stack's role.");

  plan.forEach((wave, index) => {
    lines.push("");
    const concurrent = wave.length > 1 ? " (these stacks run concurrently)" : "";
    lines.push(`Wave ${index + 1}: ${wave.join(", ")}${concurrent}`);
    for (const stack of wave) {
      const config = stacks.get(stack)?.config;
      const where = config ? ` (${config.region}, role ${config.role}, data ${config.dataProtection})` : "";
      if (skip.has(stack)) {
        lines.push(`  ${stack}${where}: succeeded in the saved rollout, not run again`);
        continue;
      }
      lines.push(`  ${stack}${where}:`);
      lines.push(`    1. ${stepTitles.preview}: pulumi preview --stack ${stack} --policy-pack ${pack}; a mandatory violation stops the rollout`);
      lines.push(`    2. ${stepTitles.up}: pulumi up --stack ${stack} --policy-pack ${pack} --yes`);
      lines.push(
        `    3. ${stepTitles.health}: GET the stack's healthUrl output until a 2xx, ${health.attempts} tries ${formatDuration(health.intervalMs)} apart, ` +
          `${formatDuration(health.timeoutMs)} timeout each (skipped when the stack publishes no healthUrl)`,
      );
      lines.push(`    4. ${stepTitles.converged}: pulumi preview --stack ${stack} --policy-pack ${pack}; any change fails the stack`);
    }
  });
  lines.push("");
  lines.push(
    `A locked stack (another update running) is waited for: ${formatDuration(lockWait.initialDelayMs)} doubling to ${formatDuration(lockWait.maxDelayMs)}, ` +
      `at most ${formatDuration(lockWait.maxWaitMs)}; it is never cancelled.`,
  );
  lines.push(`The first failure stops all later work; progress goes to ${relative(input.store.location)}; continue with: npm run rollout -- --resume`);
  return { lines, blockers };
}
