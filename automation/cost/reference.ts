import type { CostReference } from "../../model/cost/settings";
import type { CostEstimate } from "./engine";
import { usd } from "./format";
import type { CostLine } from "./model";

/** How close the estimate must come to a seed figure that is a list price. */
export const tolerance = 0.02;

export interface ReferenceRow {
  readonly name: string;
  readonly seedUsd: number;
  /** Undefined for an item billed outside the platform (compared, never estimated). */
  readonly estimateUsd: number | undefined;
  readonly withinTolerance: boolean;
  readonly note?: string;
  readonly lines: readonly CostLine[];
}

export interface ReferenceComparison {
  readonly source: string;
  readonly seedTotalUsd: number;
  readonly estimateTotalUsd: number;
  readonly rows: readonly ReferenceRow[];
  /** Lines of the estimate no seed item covers: the seed's table leaves them out. */
  readonly extra: readonly CostLine[];
  readonly extraUsd: number;
  /** Seed items billed outside AWS or outside what the platform builds. */
  readonly outsideUsd: number;
  /** Seed items that differ by more than the tolerance without a note saying why. */
  readonly unexplained: readonly string[];
}

export function lineKey(line: CostLine): string {
  return `${line.service}: ${line.item}`;
}

function within(estimate: number, seed: number): boolean {
  return seed === 0 ? estimate < 0.005 : Math.abs(estimate - seed) <= tolerance * seed;
}

/**
 * Sets the estimate beside the seed's own table. Every line of the estimate goes to the first seed
 * item whose `match` covers it; the difference between the totals is then exactly the sum of the
 * items' differences, plus the lines the seed leaves out, minus what the seed counts outside AWS.
 */
export function compareWithReference(estimate: CostEstimate, reference: CostReference): ReferenceComparison {
  const patterns = reference.items.map((item) => (item.match ? new RegExp(item.match) : undefined));
  const claimed = new Map<CostLine, number>();
  for (const line of estimate.lines) {
    const owner = patterns.findIndex((pattern) => pattern?.test(lineKey(line)));
    if (owner >= 0) claimed.set(line, owner);
  }
  const rows: ReferenceRow[] = reference.items.map((item, i) => {
    const lines = estimate.lines.filter((line) => claimed.get(line) === i);
    const estimateUsd = item.outside ? undefined : lines.reduce((sum, line) => sum + line.monthlyUsd, 0);
    return { name: item.name, seedUsd: item.usd, estimateUsd, withinTolerance: estimateUsd === undefined || within(estimateUsd, item.usd), note: item.note, lines };
  });
  const extra = estimate.lines.filter((line) => !claimed.has(line));
  return {
    source: reference.source,
    seedTotalUsd: reference.totalUsd,
    estimateTotalUsd: estimate.totalMonthlyUsd,
    rows,
    extra,
    extraUsd: extra.reduce((sum, line) => sum + line.monthlyUsd, 0),
    outsideUsd: reference.items.filter((item) => item.outside).reduce((sum, item) => sum + item.usd, 0),
    unexplained: rows.filter((row) => (!row.withinTolerance || row.estimateUsd === undefined) && !row.note?.trim()).map((row) => row.name),
  };
}

function signed(amount: number): string {
  return `${amount < 0 ? "-" : "+"}${usd(Math.abs(amount))}`;
}

export function referenceMarkdown(c: ReferenceComparison): string {
  const rows = ["| Seed item | Seed | Estimate | Difference | Why |", "|---|---:|---:|---:|---|"];
  for (const row of c.rows) {
    const estimate = row.estimateUsd === undefined ? "outside" : usd(row.estimateUsd);
    const difference = row.estimateUsd === undefined ? signed(-row.seedUsd) : row.withinTolerance ? "within 2 %" : signed(row.estimateUsd - row.seedUsd);
    rows.push(`| ${row.name} | ${usd(row.seedUsd)} | ${estimate} | ${difference} | ${row.note ?? (row.withinTolerance ? "list price" : "**unexplained**")} |`);
  }
  for (const line of c.extra) rows.push(`| *not in the seed:* ${lineKey(line)} | | ${usd(line.monthlyUsd)} | ${signed(line.monthlyUsd)} | the seed's table leaves it out |`);
  rows.push(`| **total** | **${usd(c.seedTotalUsd)}** | **${usd(c.estimateTotalUsd)}** | **${signed(c.estimateTotalUsd - c.seedTotalUsd)}** | |`);
  return [`Compared with ${c.source}:`, "", ...rows].join("\n");
}

export function referenceLines(c: ReferenceComparison): string[] {
  const itemDelta = c.rows.filter((r) => r.estimateUsd !== undefined).reduce((sum, r) => sum + ((r.estimateUsd as number) - r.seedUsd), 0);
  const lines = [
    `  seed (${c.source}): ${usd(c.seedTotalUsd)}; estimate ${usd(c.estimateTotalUsd)}; difference ${signed(c.estimateTotalUsd - c.seedTotalUsd)} =`,
    `    ${signed(itemDelta)} on the seed's own items, ${signed(c.extraUsd)} the seed leaves out, ${signed(-c.outsideUsd)} billed outside the platform`,
  ];
  for (const row of c.rows.filter((r) => !r.withinTolerance || r.estimateUsd === undefined)) {
    const ours = row.estimateUsd === undefined ? "outside" : usd(row.estimateUsd);
    lines.push(`    ${row.name}: seed ${usd(row.seedUsd)}, estimate ${ours}: ${row.note ?? "UNEXPLAINED"}`);
  }
  if (c.extra.length > 0) lines.push(`    not in the seed's table: ${c.extra.map((l) => `${lineKey(l)} ${usd(l.monthlyUsd)}`).join("; ")}`);
  for (const name of c.unexplained) lines.push(`  WARNING: '${name}' differs from the seed by more than 2 % and its reference item has no note`);
  return lines;
}
