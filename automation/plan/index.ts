import * as fs from "fs";
import * as path from "path";
import { renderProgram, RenderProgress, RenderResult } from "../../offline";
import { CheckedStack, checkStack } from "./check";
import type { PlanJson } from "./plan-file";
import { planJson, resourceCounts } from "./plan-json";
import { PlanProgress, resourceCount, silentProgress } from "./progress";
import { referencedStacks } from "./primary";
import { readStackFile, repoRoot, StackFile } from "./stack-file";
import type { PlanContext, PlanFacts } from "./step";
import { planSteps } from "./steps";
import { reportMarkdown, ReportSection } from "./report";
import { renderTree, shortType, summarizeByTier } from "./tree";

export { planJson } from "./plan-json";

export interface PlanOptions {
  readonly file: string;
  readonly stack?: string;
  readonly outRoot?: string;
  readonly log?: (line: string) => void;
  /** The file read and its config checked, when the caller did it already (the command line does, before it loads the renderer). */
  readonly checked?: CheckedStack;
  /** The file's render, when the caller has it already (tests reuse one render per file). */
  readonly rendered?: RenderResult;
  /** Print only the summary: the resource count, one line per step, what was written. */
  readonly quiet?: boolean;
  /** Print the component tree (always in report.md). */
  readonly tree?: boolean;
  /** Where each step's progress goes (the command line's stderr); none by default. */
  readonly progress?: PlanProgress;
}

export interface PlanRun {
  /** 0 ok, 1 a step failed (mandatory policy violation), 2 invalid config. */
  readonly exitCode: number;
  readonly context?: PlanContext;
  /** What was written to plan.json. */
  readonly plan?: PlanJson;
}

export type { PlanJson } from "./plan-file";

/** Renders one stack file under the mock cloud, prints the tree and runs the plan steps. */
export async function runPlan(options: PlanOptions): Promise<PlanRun> {
  const progress = options.progress ?? silentProgress;
  try {
    return await planStack(options, progress);
  } catch (error) {
    // The caller prints the error itself: the step only says where it happened.
    progress.fail();
    throw error;
  }
}

async function planStack(options: PlanOptions, progress: PlanProgress): Promise<PlanRun> {
  const log = options.log ?? ((line: string) => console.log(line));
  // An unreadable stack file is bad input, one line from the caller: no step has started yet.
  const checked = options.checked ?? checkStack(options.file, options.stack, progress, log);
  if (!checked) return { exitCode: 2 };
  const { stackFile, config } = checked;

  // A standby reads its primary's outputs: the primary is rendered first, under the same mock cloud.
  const onProgress = (counts: RenderProgress) => progress.update(resourceCount(counts.resources));
  const rendered = options.rendered ?? (await renderStack(stackFile, { ...options, log }, progress, onProgress));
  const outDir = path.join(options.outRoot ?? path.join(repoRoot, "out"), outFolder(stackFile.file, stackFile.stack));
  fs.mkdirSync(outDir, { recursive: true });
  const context: PlanContext = {
    stack: stackFile.stack,
    region: rendered.region,
    config,
    rawConfig: stackFile.config,
    resources: rendered.resources,
    outputs: rendered.outputs,
    outDir,
  };

  // One count of resources everywhere: cloud resources (what AWS bills and Pulumi creates);
  // components (the stack, the tiers) are named beside it, since the policy gate judges them too.
  const summary = summarizeByTier(rendered.resources);
  const counts = resourceCounts(rendered.resources);
  log(`Stack ${context.stack} (${context.region}): ${counts.resources} resources (and ${counts.components} components)`);
  if (!options.quiet) {
    for (const tier of summary) {
      const types = [...tier.byType.entries()].sort(([, a], [, b]) => b - a).map(([type, n]) => `${n} ${shortType(type)}`);
      log(`  ${tier.tier.padEnd(14)} ${String(tier.count).padStart(4)}  ${types.join(", ")}`);
    }
  }
  if (options.tree) {
    log("");
    renderTree(rendered.resources).forEach((line) => log(`  ${line}`));
  }

  let failed = false;
  let facts: PlanFacts = {};
  const sections: ReportSection[] = [];
  for (const step of planSteps) {
    progress.start(step.name);
    const outcome = await step.run(context);
    if (outcome.failed) progress.fail();
    else progress.done();
    if (options.quiet) {
      if (outcome.summary) log(outcome.summary);
    } else {
      log("");
      log(`== ${step.title}`);
      outcome.lines.forEach((line) => log(line));
    }
    failed = failed || outcome.failed;
    facts = { ...facts, ...outcome.facts };
    if (outcome.markdown) sections.push({ title: step.title, markdown: outcome.markdown });
  }
  progress.start("write");
  const plan = planJson(context, stackFile.file, facts);
  const planFile = path.join(outDir, "plan.json");
  fs.writeFileSync(planFile, `${JSON.stringify(plan, null, 2)}\n`);
  const report = path.join(outDir, "report.md");
  fs.writeFileSync(report, reportMarkdown(context, summary, sections));
  progress.done("plan.json, report.md");
  if (!options.quiet) log("");
  log(`wrote ${path.relative(process.cwd(), planFile)} and ${path.relative(process.cwd(), report)}`);
  return { exitCode: failed ? 1 : 0, context, plan };
}

/**
 * `out/<stack>/` for the project's own stack files; a file elsewhere keeps its folder, so that
 * blueprints of the same environment do not overwrite each other (`out/blueprints/onno/prod/`).
 */
export function outFolder(file: string, stack: string): string {
  const folder = path.relative(repoRoot, path.dirname(path.resolve(file)));
  return folder === "" || folder.startsWith("..") || path.isAbsolute(folder) ? stack : path.join(folder, stack);
}

/**
 * Renders the stack file (after its primary, for a standby), each render a progress step with its
 * running count. Exported for the benchmark's plan without its steps (scripts/bench-render-stack.ts).
 */
export async function renderStack(stackFile: StackFile, options: PlanOptions & { log: (line: string) => void }, progress: PlanProgress, onProgress: (counts: RenderProgress) => void): Promise<RenderResult> {
  const stacks = await referencedStacks(stackFile, async (file) => {
    const primary = readStackFile(file);
    if (!options.quiet) options.log(`${stackFile.stack} stands by for ${primary.stack}: rendering ${path.relative(process.cwd(), file)} for its outputs`);
    progress.start(`render ${primary.stack} (the primary)`);
    const result = await renderProgram({ project: "aws-platform", stack: primary.stack, config: primary.config, secretKeys: primary.secretKeys, onProgress });
    progress.done(resourceCount(resourceCounts(result.resources).resources));
    return result;
  });
  progress.start("render");
  const rendered = await renderProgram({ project: "aws-platform", stack: stackFile.stack, config: stackFile.config, secretKeys: stackFile.secretKeys, stacks, onProgress });
  progress.done(resourceCount(resourceCounts(rendered.resources).resources));
  return rendered;
}
