import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { runPlan } from "../../../automation/plan/index";
import { stackConfig } from "../../helpers/stacks";

/** Writes dev's config, changed by `edit`, as a stack file in a fresh directory; plans it there. */
async function plan(edit: (config: Record<string, unknown>) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
  const config: Record<string, unknown> = Object.fromEntries(
    Object.entries(stackConfig("dev")).map(([key, text]) => [key, /^[[{]/.test(text) ? JSON.parse(text) : text]),
  );
  edit(config);
  const file = path.join(dir, "Pulumi.budgeted.yaml");
  fs.writeFileSync(file, stringify({ config }));
  const lines: string[] = [];
  const run = await runPlan({ file, outRoot: path.join(dir, "out"), log: (line) => lines.push(line) });
  const out = path.join(dir, "out", "budgeted");
  return { run, lines, out, read: (name: string) => fs.readFileSync(path.join(out, name), "utf8") };
}

describe("plan: cost step, diagram and report", () => {
  // dev's config as it is: two tests read the same plan (each plan renders dev).
  let unedited: ReturnType<typeof plan> | undefined;
  const asIs = () => (unedited ??= plan(() => undefined));

  it("warns when the estimate exceeds the configured budget", async () => {
    const { run, lines } = await plan((c) => (c["platform:observability"] = { ...(c["platform:observability"] as object), budget: { monthlyUsd: 5 } }));
    assert.equal(run.exitCode, 0, "a budget overrun warns, it does not fail the plan");
    const warning = lines.find((l) => l.startsWith("WARNING: the estimate"));
    assert.ok(warning, lines.join("\n"));
    assert.match(warning, /^WARNING: the estimate of \$\d+\.\d\d\/month exceeds the budget of \$5\.00 \(platform:observability\.budget\.monthlyUsd\) by \$\d+\.\d\d$/);
  });

  it("says the estimate is within a budget it does not exceed, and prints per-tier subtotals and the total", async () => {
    const { lines } = await plan((c) => (c["platform:observability"] = { ...(c["platform:observability"] as object), budget: { monthlyUsd: 10_000 } }));
    // The only warning left is the prices' age (the hand-checked tables hold data older than 90 days).
    const warnings = lines.filter((l) => l.startsWith("WARNING"));
    assert.ok(warnings.every((l) => /^WARNING: prices used are up to \d+ days old/.test(l)), warnings.join("\n"));
    assert.ok(lines.some((l) => /within the budget of \$10,000\.00/.test(l)));
    const costAt = lines.indexOf("== Cost estimate");
    assert.ok(costAt >= 0);
    assert.ok(lines.slice(costAt).some((l) => /^ {2}network +\$\d+\.\d\d$/.test(l)), "network subtotal");
    assert.ok(lines.slice(costAt).some((l) => /^ {2}total per month +\$\d+\.\d\d$/.test(l)));
  });

  it("prices the stack at the pricing model its config chooses, and says so above the table and in report.md", async () => {
    const total = (lines: string[]) => Number(/\$([\d,.]+)$/.exec(lines.find((l) => l.startsWith("  total per month")) ?? "")?.[1].replace(/,/g, ""));
    const onDemand = await asIs();
    const savings = await plan((c) => (c["platform:cost"] = { ...(c["platform:cost"] as object), pricingModel: "savings-1y-no-upfront" }));
    const head = (lines: string[]) => lines[lines.indexOf("== Cost estimate") + 1];
    assert.match(head(onDemand.lines), /^On-demand list prices for ap-northeast-2, 730 h\/month/);
    assert.match(head(savings.lines), /^Savings Plans and reserved prices \(platform:cost.pricingModel savings-1y-no-upfront: /);
    assert.ok(total(savings.lines) < total(onDemand.lines), `${total(savings.lines)} < ${total(onDemand.lines)}`);
    assert.match(savings.read("report.md"), /\nSavings Plans and reserved prices .* for ap-northeast-2, 730 hours a month/);
  });

  it("writes report.md with the tree, every step's section, the cost table and the diagram", async () => {
    const { read } = await asIs();
    const report = read("report.md");
    assert.match(report, /^# Plan of stack `budgeted` \(ap-northeast-2\)/);
    for (const heading of ["## Resources", "## Cost estimate", "## Architecture diagram"]) assert.ok(report.includes(`\n${heading}\n`), heading);
    assert.ok(report.includes("kms.Key platform-dev-data"), "the resource tree");
    assert.match(report, /\| \*\*total\*\* \| \| \| \| \| \*\*\$\d+\.\d\d\*\* \|/);
    assert.ok(report.includes("```mermaid\n%% budgeted (ap-northeast-2)"));
    assert.equal(report.split("```mermaid")[1].split("```")[0].trim(), read("architecture.mmd").trim());
  });

  it("warns, naming what is missing, for a region without a price table", async () => {
    const { run, lines, read } = await plan((c) => {
      c["aws:region"] = "us-east-1";
      const network = c["platform:network"] as Record<string, unknown>;
      network.availabilityZones = ["us-east-1a", "us-east-1c"];
    });
    assert.equal(run.exitCode, 0);
    assert.ok(lines.includes("WARNING: no estimate: no price table for region 'us-east-1' (tables exist for ap-northeast-2, ap-northeast-1): add automation/cost/prices/us-east-1.ts with that region's list prices to get an estimate"));
    assert.ok(read("report.md").includes("WARNING: no estimate"));
  });
});
