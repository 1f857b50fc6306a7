import type { CostEstimate } from "./engine";
import type { CostLine } from "./model";
import { priceTableFor, priceTables, sourcesOf } from "./prices";
import { pricesAgeLine } from "./prices-age";

export function usd(amount: number): string {
  return `$${cents.format(amount)}`;
}
/** One formatter for every amount: toLocaleString builds a new one on each call. */
const cents = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Unit prices keep their significant digits ($0.0052/h, $0.0000166667/GB-second). */
export function unitUsd(amount: number): string {
  if (amount >= 1) return `$${Number(amount.toFixed(2))}`;
  return `$${Number(amount.toPrecision(3))}`;
}

function quantity(line: CostLine): string {
  const n = line.quantity;
  const text = Number.isInteger(n) ? n.toLocaleString("en-US") : Number(n.toPrecision(4)).toLocaleString("en-US");
  return /^\d/.test(line.unit) ? `${text} x ${line.unit}` : `${text} ${line.unit}`;
}

/** The item, with the number of resources when alike ones were merged. */
export function itemText(line: CostLine): string {
  return line.basis === "resource" && line.resources.length > 1 ? `${line.item} (x${line.resources.length})` : line.item;
}

function linesOf(estimate: CostEstimate, tier: string): CostLine[] {
  return estimate.lines.filter((line) => line.tier === tier);
}

/**
 * The console table: each tier with its subtotal, then its items, then the total. The columns
 * are as wide as their longest entry (Lambda items name the function, its memory and duration),
 * so no item is cut and every amount ends in the same column.
 */
export function costTable(estimate: CostEstimate): string[] {
  const rows = estimate.lines.map((line) => ({ line, label: `${line.service}  ${itemText(line)}`, rate: `${quantity(line)} @ ${unitUsd(line.unitUsd)}` }));
  const amounts = [...estimate.tiers.map((t) => t.monthlyUsd), ...estimate.lines.map((l) => l.monthlyUsd), estimate.totalMonthlyUsd].map(usd);
  const labelWidth = Math.max(20, ...rows.map((r) => r.label.length));
  const rateWidth = Math.max(...rows.map((r) => r.rate.length), 0);
  const amountWidth = Math.max(...amounts.map((a) => a.length));
  // A tier's heading and the total span the item's indent, label and rate columns.
  const headingWidth = 2 + labelWidth + 2 + rateWidth;
  const heading = (text: string, amount: number) => `  ${text.padEnd(headingWidth)}  ${usd(amount).padStart(amountWidth)}`;
  const out: string[] = [];
  for (const { tier, monthlyUsd } of estimate.tiers) {
    out.push(heading(tier, monthlyUsd));
    for (const row of rows.filter((r) => r.line.tier === tier)) {
      out.push(`    ${row.label.padEnd(labelWidth)}  ${row.rate.padEnd(rateWidth)}  ${usd(row.line.monthlyUsd).padStart(amountWidth)}`);
    }
  }
  out.push(heading("total per month", estimate.totalMonthlyUsd));
  return out;
}

/** Notes every reader of the estimate needs: what is left out and what was assumed. */
export function costNotes(estimate: CostEstimate): string[] {
  const notes: string[] = [];
  for (const item of estimate.missingPrices) notes.push(`no ${estimate.region} price for ${item}: left out of the total`);
  for (const warning of estimate.warnings) notes.push(warning);
  for (const { type, count } of estimate.unpriced) notes.push(`not priced (no cost rule): ${count} x ${type}`);
  return notes;
}

/** What the estimate's unit prices are: the pricing model, in words. */
export function pricingBasis(estimate: CostEstimate): string {
  return estimate.pricingModel === "on-demand"
    ? "On-demand list prices"
    : "Savings Plans and reserved prices (platform:cost.pricingModel savings-1y-no-upfront: Compute Savings Plans for Fargate, Lambda duration and EC2, reserved DB and cache nodes, 1 year, no upfront; on-demand for the rest)";
}

/** The header line of the cost table, and how old its prices are (a WARNING past 90 days). */
export function costHeader(estimate: CostEstimate, today: Date = new Date()): string[] {
  const age = pricesAgeLine(estimate.pricesUsed, today);
  return [`${pricingBasis(estimate)} for ${estimate.region}, ${estimate.hours} h/month; usage from platform:cost.usage`, ...(age ? [age.startsWith("WARNING") ? age : `  ${age}`] : [])];
}

export function costMarkdown(estimate: CostEstimate, budgetLine?: string): string {
  const rows = ["| Tier | Service | Item | Quantity | Unit price | Monthly |", "|---|---|---|---:|---:|---:|"];
  for (const { tier, monthlyUsd } of estimate.tiers) {
    rows.push(`| **${tier}** | | | | | **${usd(monthlyUsd)}** |`);
    for (const line of linesOf(estimate, tier)) {
      rows.push(`| | ${line.service} | ${escape(itemText(line))}${line.basis === "usage" ? " *" : ""} | ${quantity(line)} | ${unitUsd(line.unitUsd)} | ${usd(line.monthlyUsd)} |`);
    }
  }
  rows.push(`| **total** | | | | | **${usd(estimate.totalMonthlyUsd)}** |`);
  const age = pricesAgeLine(estimate.pricesUsed);
  const sources = (priceTables[estimate.region] ? sourcesOf(priceTableFor(estimate.region, estimate.pricingModel)) : []).map(({ source: s }) => `- ${s.kind}: ${s.dataset}, ${s.file}${s.commit ? ` (commit ${s.commit.slice(0, 7)})` : ""}, data of ${s.date}`);
  const notes = costNotes(estimate).map((n) => `- ${n}`);
  return [
    `${pricingBasis(estimate)} for ${estimate.region}, ${estimate.hours} hours a month. Items marked * are usage from \`platform:cost.usage\`.`,
    "",
    ...(age ? [age, ""] : []),
    ...rows,
    "",
    ...(budgetLine ? [budgetLine, ""] : []),
    ...(notes.length > 0 ? ["Notes:", "", ...notes, ""] : []),
    "Price sources:",
    "",
    ...sources,
  ].join("\n");
}

function escape(text: string): string {
  return text.replace(/\|/g, "\\|");
}
