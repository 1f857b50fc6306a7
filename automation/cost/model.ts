import type { CostUsage } from "../../model/cost/settings";
import type { PlannedResource, ResourceIndex } from "./graph";
import type { Price, PriceTable } from "./prices";

/** One priced item of a month: what, how much of it, at what list price. */
export interface CostLine {
  /** Tier of the resource (the nearest `platform:<tier>:*` component), or the tier a usage belongs to. */
  readonly tier: string;
  /** The AWS service as the bill names it: "ECS Fargate", "RDS", "NAT Gateway". */
  readonly service: string;
  /** What is charged, e.g. `codemate-prod-backend: 1 vCPU / 2 GB, on-demand`. */
  readonly item: string;
  /** Units in the month (hours, GB, requests, ...). */
  readonly quantity: number;
  readonly unit: string;
  readonly unitUsd: number;
  readonly monthlyUsd: number;
  /** Logical names of the resources this line prices; empty for stack-wide usage. */
  readonly resources: readonly string[];
  /** `resource`: the registrations set the amount; `usage`: `platform:cost.usage` does. */
  readonly basis: "resource" | "usage";
}

/** What every pricing rule sees. */
export interface RuleContext {
  readonly prices: PriceTable;
  readonly usage: CostUsage;
  /** Hours in a month (730, AWS's own convention). */
  readonly hours: number;
  readonly index: ResourceIndex;
  /**
   * Hours `resource` runs in the month: its office hours when `platform:officeHours` stops it
   * (with the note its line's item carries), else `hours` and no note.
   */
  runningHours(resource: PlannedResource): { readonly hours: number; readonly note?: string };
  tierOf(resource: PlannedResource): string;
  /** Records an item the price table has no figure for; the estimate leaves it out and says so. */
  missing(what: string): void;
  /** Records something the estimate could not work out from the registrations. */
  warn(message: string): void;
}

/** Prices one registration of the rule's type tokens. */
export type ResourceRule = (resource: PlannedResource, ctx: RuleContext) => CostLine[];

/** Prices stack-wide usage once (log volume, stored bytes, ...), given the registrations. */
export type UsageRule = (ctx: RuleContext) => CostLine[];

export interface LineSpec {
  readonly service: string;
  readonly item: string;
  readonly quantity: number;
  readonly price: Price;
  /** Multiplies the list price (Multi-AZ x2, I/O-Optimized x1.3, Spot fraction). */
  readonly factor?: number;
  /** Overrides the unit shown (e.g. `task-hour` for a Fargate task). */
  readonly unit?: string;
}

/** `item`, with the office-hours note when the resource runs only in office hours. */
export function withNote(item: string, running: { readonly note?: string }): string {
  return running.note ? `${item}, ${running.note}` : item;
}

/** A line for one resource; its tier is the resource's. */
export function resourceLine(resource: PlannedResource, ctx: RuleContext, spec: LineSpec): CostLine {
  return build(ctx.tierOf(resource), [resource.name], "resource", spec);
}

/** A line for usage configured in `platform:cost.usage`. */
export function usageLine(tier: string, resources: readonly PlannedResource[], spec: LineSpec): CostLine {
  return build(tier, resources.map((r) => r.name), "usage", spec);
}

function build(tier: string, resources: readonly string[], basis: CostLine["basis"], spec: LineSpec): CostLine {
  const unitUsd = spec.price.usd * (spec.factor ?? 1);
  return {
    tier,
    service: spec.service,
    item: spec.item,
    quantity: spec.quantity,
    unit: spec.unit ?? spec.price.unit,
    unitUsd,
    monthlyUsd: spec.quantity * unitUsd,
    resources,
    basis,
  };
}

/** A line whose unit price is a sum of list prices (a Fargate task: vCPU + memory). */
export function compositeLine(resource: PlannedResource, ctx: RuleContext, spec: Omit<LineSpec, "price"> & { unitUsd: number; unit: string }): CostLine {
  return {
    tier: ctx.tierOf(resource),
    service: spec.service,
    item: spec.item,
    quantity: spec.quantity,
    unit: spec.unit,
    unitUsd: spec.unitUsd,
    monthlyUsd: spec.quantity * spec.unitUsd,
    resources: [resource.name],
    basis: "resource",
  };
}
