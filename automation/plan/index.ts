import * as fs from "fs";
import * as path from "path";
import { ConfigError, formatIssue, loadPlatformConfig } from "../../config";
import { redactSecretShapes } from "../../model/security/secret-shapes";
import { redactSecrets, renderProgram, RenderResult } from "../../offline";
import { primaryOf, primaryStackFile, referencedStacks } from "./primary";
import { checkStandbyPromotions } from "../../model/dr/strategy";
import type { PlatformSettings } from "../../model/platform";
import { readStackFile, repoRoot, StackFile } from "./stack-file";
import type { PlanContext } from "./step";
import { planSteps } from "./steps";
import { reportMarkdown, ReportSection } from "./report";
import { renderTree, shortType, summarizeByTier } from "./tree";

export interface PlanOptions {
  readonly file: string;
  readonly stack?: string;
  readonly outRoot?: string;
  readonly log?: (line: string) => void;
  /** The file's render, when the caller has it already (tests reuse one render per file). */
  readonly rendered?: RenderResult;
}

export interface PlanRun {
  /** 0 ok, 1 a step failed (mandatory policy violation), 2 invalid config. */
  readonly exitCode: number;
  readonly context?: PlanContext;
}

export interface PlanJson {
  readonly stack: string;
  readonly region: string;
  readonly resources: readonly { type: string; name: string; urn: string; parent: string | null; inputs: unknown }[];
}

/** Renders one stack file under the mock cloud, prints the tree and runs the plan steps. */
export async function runPlan(options: PlanOptions): Promise<PlanRun> {
  const log = options.log ?? ((line: string) => console.log(line));
  const stackFile = readStackFile(options.file, options.stack);
  let config;
  try {
    config = loadPlatformConfig(stackFile.config, stackFile.secretKeys, { written: stackFile.written });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log(`${path.relative(process.cwd(), stackFile.file)}: invalid config, nothing was rendered:`);
    error.issues.forEach((issue) => log(formatIssue(issue)));
    return { exitCode: 2 };
  }

  // A standby is checked against its primary's file first: the stores it expects, and how fast they arrive.
  const pairProblems = standbyPairProblems(stackFile, config);
  if (pairProblems.length > 0) {
    log(`${path.relative(process.cwd(), stackFile.file)}: invalid config against its primary, nothing was rendered:`);
    pairProblems.forEach((problem) => log(`  ${problem}`));
    return { exitCode: 2 };
  }

  // A standby reads its primary's outputs: the primary is rendered first, under the same mock cloud.
  const rendered =
    options.rendered ??
    (await renderProgram({
      project: "aws-platform",
      stack: stackFile.stack,
      config: stackFile.config,
      secretKeys: stackFile.secretKeys,
      stacks: await referencedStacks(stackFile, async (file) => {
        const primary = readStackFile(file);
        log(`${stackFile.stack} stands by for ${primary.stack}: rendering ${path.relative(process.cwd(), file)} for its outputs`);
        return renderProgram({ project: "aws-platform", stack: primary.stack, config: primary.config, secretKeys: primary.secretKeys });
      }),
    }));
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

  const summary = summarizeByTier(rendered.resources);
  const total = summary.reduce((n, t) => n + t.count, 0);
  log(`Stack ${context.stack} (${context.region}): ${total} resources`);
  for (const tier of summary) {
    const types = [...tier.byType.entries()].sort(([, a], [, b]) => b - a).map(([type, n]) => `${n} ${shortType(type)}`);
    log(`  ${tier.tier.padEnd(14)} ${String(tier.count).padStart(4)}  ${types.join(", ")}`);
  }
  log("");
  renderTree(rendered.resources).forEach((line) => log(`  ${line}`));

  fs.writeFileSync(path.join(outDir, "plan.json"), `${JSON.stringify(planJson(context), null, 2)}\n`);
  log("");
  log(`wrote ${path.relative(process.cwd(), path.join(outDir, "plan.json"))}`);

  let failed = false;
  const sections: ReportSection[] = [];
  for (const step of planSteps) {
    const outcome = await step.run(context);
    log("");
    log(`== ${step.title}`);
    outcome.lines.forEach((line) => log(line));
    failed = failed || outcome.failed;
    if (outcome.markdown) sections.push({ title: step.title, markdown: outcome.markdown });
  }
  const report = path.join(outDir, "report.md");
  fs.writeFileSync(report, reportMarkdown(context, summary, sections));
  log("");
  log(`wrote ${path.relative(process.cwd(), report)}`);
  return { exitCode: failed ? 1 : 0, context };
}

export function planJson(context: PlanContext): PlanJson {
  return {
    stack: context.stack,
    region: context.region,
    resources: context.resources
      .filter((r) => !r.type.startsWith("pulumi:providers:") || r.type === "pulumi:providers:aws")
      // Secret-shaped strings too: the config refuses them, and nothing else may carry one into out/.
      .map((r) => ({ type: r.type, name: r.name, urn: r.urn, parent: r.parent ?? null, inputs: redactSecretShapes(redactSecrets(r.inputs)) })),
  };
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
 * A standby's problems against the primary file beside it (model/dr/strategy.ts: the promotions,
 * the copies it expects and their achievable RPO, the names); none for a primary. The rollout and
 * the drill run the same check on the project's stacks.
 */
function standbyPairProblems(stackFile: StackFile, config: PlatformSettings): string[] {
  const primary = primaryOf(stackFile);
  if (!primary) return [];
  const primaryFile = readStackFile(primaryStackFile(stackFile.file, primary));
  let primaryConfig: PlatformSettings;
  try {
    primaryConfig = loadPlatformConfig(primaryFile.config, primaryFile.secretKeys, { written: primaryFile.written });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [`its primary ${path.relative(process.cwd(), primaryFile.file)} is invalid:`, ...error.issues.map(formatIssue)];
  }
  return checkStandbyPromotions({ name: primary, config: primaryConfig }, { name: stackFile.stack, config });
}
