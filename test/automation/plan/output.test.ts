import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { estimateCost } from "../../../automation/cost/engine";
import { costTable, itemText } from "../../../automation/cost/format";
import { runPlan } from "../../../automation/plan/index";
import { stackFilePath } from "../../../automation/plan/stack-file";
import { loadPlatformConfig } from "../../../config";
import { renderStack, stackConfig } from "../../helpers/stacks";

// What `npm run plan` prints (issue 18, item 6): one resource count, cost columns that hold,
// the summary alone with --quiet, the tree only with --tree.
describe("plan output", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-output-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function planLines(stack: "dev" | "prod", options: { quiet?: boolean; tree?: boolean } = {}): Promise<string[]> {
    const lines: string[] = [];
    const run = await runPlan({ file: stackFilePath(stack), outRoot: tmp, rendered: await renderStack(stack), log: (l) => lines.push(l), ...options });
    assert.equal(run.exitCode, 0, lines.join("\n"));
    return lines;
  }

  it("prints one resource count: the header's, which the gate's line repeats and explains", async () => {
    const { resources } = await renderStack("dev");
    const cloud = resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).length;
    const components = resources.filter((r) => !r.custom).length;
    const lines = await planLines("dev");
    assert.match(lines[0], new RegExp(`^Stack dev \\(ap-northeast-2\\): ${cloud} resources \\(and ${components} components\\)$`));
    const gate = lines.find((l) => /rules over/.test(l)) ?? "";
    assert.match(gate, new RegExp(`rules over the ${cloud} resources and ${components} components,`), gate);
    // No other figure is printed as a number of resources.
    const counts = lines.flatMap((l) => [...l.matchAll(/(\d+) (?:cloud )?resources\b/g)].map((m) => Number(m[1])));
    assert.deepEqual([...new Set(counts)], [cloud], lines.filter((l) => /\d+ resources/.test(l)).join("\n"));
  });

  it("keeps the cost table's columns with long Lambda items, cutting nothing", async () => {
    const { resources } = await renderStack("dev");
    const config = loadPlatformConfig(stackConfig("dev"));
    const estimate = estimateCost(resources, { region: "ap-northeast-2", usage: config.cost.usage, officeHours: config.officeHours });
    const table = costTable(estimate);
    const items = table.filter((l) => l.startsWith("    "));
    assert.ok(items.some((l) => l.includes("Lambda  platform-dev-post-meeting-processor: 1024 MB arm64 x 500 ms")), table.join("\n"));
    assert.ok(items.every((l) => !l.includes("~")), "no item is cut");
    // Every amount ends in the same column (lines are one length), and every quantity starts in one column.
    assert.equal(new Set(table.map((l) => l.length)).size, 1, table.join("\n"));
    const labels = estimate.lines.map((l) => `${l.service}  ${itemText(l)}`);
    const quantityStarts = items.map((l) => {
      const label = labels.filter((x) => l.startsWith(`    ${x} `)).sort((a, b) => b.length - a.length)[0];
      assert.ok(label, `an item line shows its whole label: ${l}`);
      return 4 + label.length + (l.slice(4 + label.length).length - l.slice(4 + label.length).trimStart().length);
    });
    assert.equal(new Set(quantityStarts).size, 1, table.join("\n"));
  });

  it("prints only the summary with quiet: the count, each step's one line and what it wrote", async () => {
    const lines = await planLines("dev", { quiet: true });
    assert.ok(lines.length <= 8, lines.join("\n"));
    assert.match(lines[0], /^Stack dev \(ap-northeast-2\): \d+ resources/);
    assert.ok(lines.some((l) => /^policy gate: 0 mandatory violations, 21 advisory, 0 suppressed$/.test(l)), lines.join("\n"));
    assert.ok(lines.some((l) => /^cost: \$[\d,.]+\/month, within the budget of \$200\.00/.test(l)), lines.join("\n"));
    assert.ok(lines.some((l) => /^wrote .*plan\.json/.test(l)), lines.join("\n"));
    assert.ok(!lines.some((l) => /^\s+network\s+\d+/.test(l)), "no tier table");
  });

  it("prints the resource tree only with tree", async () => {
    const tree = (lines: string[]) => lines.some((l) => /^\s+\[platform:security:AppSecrets\] platform-dev-secrets$/.test(l));
    assert.equal(tree(await planLines("dev")), false);
    assert.equal(tree(await planLines("dev", { tree: true })), true);
  });
});
