import { strict as assert } from "assert";
import { defaultTimings } from "../../../automation/drill/steps";
import { harness, Harness } from "../../helpers/drill-harness";

/** The chart's lines from the report's Markdown: the Mermaid block after "## Timeline as a chart". */
function chart(markdown: string): string[] {
  const start = markdown.indexOf("## Timeline as a chart");
  assert.ok(start >= 0, "the report has a chart");
  const lines = markdown.slice(start).split("\n");
  const open = lines.indexOf("```mermaid");
  return lines.slice(open, lines.indexOf("```", open + 1) + 1);
}

const t0 = Date.parse("2026-11-01T01:00:00Z");

describe("drill report: the timeline as a Mermaid gantt chart", () => {
  let h: Harness | undefined;
  afterEach(() => h?.aws.restore());

  it("draws every step that ran, and the measured RTO and RPO beside their targets", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty" });
    h.aws.lagSeconds = [2, 42, 0];
    await h.run();
    const s = (n: number) => String(t0 + n * 1000);
    assert.deepEqual(chart(h.store.markdown), [
      "```mermaid",
      "gantt",
      "  title DR drill (planned) prod and prod-dr",
      "  dateFormat x",
      "  axisFormat %H:%M:%S",
      "  section Pre-checks",
      `  read the drill targets (done) :done, s-targets, ${s(0)}, ${s(1)}`,
      `  the serving side answers (done) :done, s-from-healthy, ${s(0)}, ${s(1)}`,
      `  the data stores replicate towards the new side (done) :done, s-stores, ${s(0)}, ${s(1)}`,
      `  the new side's compute is in place (done) :done, s-capacity, ${s(0)}, ${s(1)}`,
      `  replication lag under the RPO target (done) :done, s-lag, ${s(0)}, ${s(1)}`,
      "  section Changes",
      `  fence writes on the serving side (done) :done, s-fence, ${s(0)}, ${s(15)}`,
      `  promote the database (done) :done, s-promote-database, ${s(15)}, ${s(30)}`,
      `  promote the cache (skipped) :done, s-promote-cache, ${s(30)}, ${s(31)}`,
      `  scale the new side to full size (done) :done, s-scale, ${s(30)}, ${s(45)}`,
      `  switch DNS (done) :done, s-dns, ${s(45)}, ${s(60)}`,
      `  verify through the public name (done) :done, s-verify, ${s(60)}, ${s(61)}`,
      `  reconcile Pulumi state and config (done) :done, s-reconcile, ${s(60)}, ${s(61)}`,
      "  section Targets",
      `  RTO target 30 min :rto-target, ${s(0)}, ${s(1800)}`,
      `  RTO measured 1m 00s (pass) :done, rto, ${s(0)}, ${s(60)}`,
      `  RPO target 5 min (writes before the fence) :rpo-target, ${s(-300)}, ${s(0)}`,
      `  RPO measured 42 s (pass) :done, rpo, ${s(-42)}, ${s(0)}`,
      "```",
    ]);
    // Beside the text timeline, not instead of it.
    assert.ok(h.store.markdown.includes("## Timeline\n"));
  });

  it("marks a failed step and a missed target as critical", async () => {
    h = harness({ database: "rds-replica", cache: "warm-empty", mode: "unplanned" });
    h.aws.lagSeconds = [2, 400];
    h.aws.failOn("UpdateHealthCheck");
    await h.run({ timings: defaultTimings });
    const lines = chart(h.store.markdown);
    assert.ok(lines.some((l) => /^ {2}switch DNS \(failed\) :crit, s-dns, /.test(l)), lines.join("\n"));
    assert.ok(lines.includes(`  RTO not reached :crit, rto, ${t0}, ${t0 + 1000}`), lines.join("\n"));
    assert.ok(lines.some((l) => l.startsWith("  RPO measured 400 s (FAIL) :crit, rpo, ")), lines.join("\n"));
    assert.ok(!lines.some((l) => l.includes("reconcile")), "steps that did not run are not drawn");
  });
});
