// Saves the plan.json and the stack outputs of every stack and blueprint, or compares them with a
// saved set: the check that a refactor changed where code lives and not what the program
// registers (types, names, parents, inputs) or exports. `npm run plans -- save <dir>` before the
// change, `npm run plans -- compare <dir>` after; exit 1 when any resource or output differs.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlanJson, runPlan } from "../automation/plan/index";
import { redactSecrets } from "../offline";
import { repoRoot } from "../automation/plan/stack-file";
import { repositoryStackFiles } from "../automation/stacks/accounts";

/** What the refactor check compares of a plan.json: the registrations (type, name, parent, inputs). */
type Resource = Pick<PlanJson["resources"][number], "type" | "name" | "urn" | "parent" | "inputs">;
type ComparedPlan = Pick<PlanJson, "stack" | "region"> & { readonly resources: readonly Resource[] };

/** What differs between two plans of one stack, resource by resource (keyed by URN). */
export function planDifferences(before: ComparedPlan, after: ComparedPlan): string[] {
  const index = (plan: ComparedPlan) => new Map(plan.resources.map((r) => [r.urn, r]));
  const was = index(before);
  const now = index(after);
  const lines: string[] = [];
  for (const [urn, resource] of was) {
    const other = now.get(urn);
    if (!other) lines.push(`- removed ${urn}`);
    else lines.push(...changedFields(resource, other).map((field) => `~ ${urn}: ${field} differs`));
  }
  for (const urn of now.keys()) if (!was.has(urn)) lines.push(`+ added ${urn}`);
  if (lines.length === 0 && JSON.stringify(before) !== JSON.stringify(after)) lines.push("resources are the same but their order or the stack header differs");
  return lines;
}

/** Output keys whose values differ between two renders of one stack (secret outputs are redacted in both). */
export function outputDifferences(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) => {
    if (!(key in after)) return [`- output ${key} removed`];
    if (!(key in before)) return [`+ output ${key} added`];
    return JSON.stringify(before[key]) === JSON.stringify(after[key]) ? [] : [`~ output ${key} differs`];
  });
}

function changedFields(a: Resource, b: Resource): string[] {
  const fields: string[] = [];
  if (a.type !== b.type) fields.push("type");
  if (a.parent !== b.parent) fields.push("parent");
  const inputs = (r: Resource): Record<string, unknown> => r.inputs ?? {};
  const keys = new Set([...Object.keys(inputs(a)), ...Object.keys(inputs(b))]);
  for (const key of keys) {
    if (JSON.stringify(inputs(a)[key]) !== JSON.stringify(inputs(b)[key])) fields.push(`inputs.${key}`);
  }
  return fields;
}

/** One stack's render as saved: its plan.json and its outputs. */
interface Snapshot {
  readonly plan: PlanJson;
  readonly outputs: Record<string, unknown>;
}

/** `<dir>/<folder relative to the repository>/<stack>.json` and `.outputs.json`, e.g. `blueprints/onno/prod.json`. */
function snapshotPaths(dir: string, file: string, stack: string): { plan: string; outputs: string } {
  const base = path.join(dir, path.relative(repoRoot, path.dirname(file)), stack);
  return { plan: `${base}.json`, outputs: `${base}.outputs.json` };
}

async function renderAll(onRender: (file: string, snapshot: Snapshot) => void): Promise<void> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-snapshots-"));
  try {
    for (const file of repositoryStackFiles()) {
      const run = await runPlan({ file, outRoot: out, log: () => undefined });
      if (!run.context) throw new Error(`${path.relative(repoRoot, file)}: invalid config, nothing rendered`);
      const plan = JSON.parse(fs.readFileSync(path.join(run.context.outDir, "plan.json"), "utf8")) as PlanJson;
      // Through JSON as saved, so both sides of a comparison went through the same serialisation.
      const outputs = JSON.parse(JSON.stringify(redactSecrets(run.context.outputs))) as Record<string, unknown>;
      onRender(file, { plan, outputs });
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [command, dirArgument] = process.argv.slice(2);
  if ((command !== "save" && command !== "compare") || !dirArgument) {
    console.error("usage: plan-snapshots save <dir> | compare <dir>");
    process.exitCode = 2;
    return;
  }
  const dir = path.resolve(dirArgument);
  let differing = 0;
  await renderAll((file, { plan, outputs }) => {
    const target = snapshotPaths(dir, file, plan.stack);
    const name = path.relative(repoRoot, file);
    if (command === "save") {
      fs.mkdirSync(path.dirname(target.plan), { recursive: true });
      fs.writeFileSync(target.plan, `${JSON.stringify(plan, null, 2)}\n`);
      fs.writeFileSync(target.outputs, `${JSON.stringify(outputs, null, 2)}\n`);
      console.log(`saved ${name}: ${plan.resources.length} resources, ${Object.keys(outputs).length} outputs`);
      return;
    }
    if (!fs.existsSync(target.plan)) {
      differing++;
      console.log(`${name}: no saved plan at ${target.plan}`);
      return;
    }
    const differences = planDifferences(JSON.parse(fs.readFileSync(target.plan, "utf8")) as PlanJson, plan);
    // A snapshot saved before outputs were kept has none to compare.
    if (fs.existsSync(target.outputs)) differences.push(...outputDifferences(JSON.parse(fs.readFileSync(target.outputs, "utf8")) as Record<string, unknown>, outputs));
    if (differences.length > 0) differing++;
    console.log(`${name}: ${differences.length === 0 ? `identical (${plan.resources.length} resources)` : `${differences.length} difference(s)`}`);
    differences.slice(0, 40).forEach((line) => console.log(`  ${line}`));
  });
  if (command === "compare") {
    console.log(differing === 0 ? "every plan is identical" : `${differing} plan(s) differ`);
    process.exitCode = differing === 0 ? 0 : 1;
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 3;
  });
}
