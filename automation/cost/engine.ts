import type { CostUsage } from "../../model/cost/settings";
import type { OfficeHoursSettings } from "../../model/schedule/office-hours";
import { tierOf, tierOrder } from "../plan/tree";
import { freePackages, freeTypes } from "./free";
import { PlannedResource, ResourceIndex } from "./graph";
import { CostLine, ResourceRule, RuleContext, UsageRule } from "./model";
import { officeHoursByResource } from "./office-hours";
import { Price, PriceTable, priceTableFor, PricingModel } from "./prices";
import { recordingPrices } from "./prices-used";
import { computeRules } from "./rules/compute";
import { dataRules } from "./rules/data";
import { edgeRules, edgeUsageRules } from "./rules/edge";
import { kubernetesRules } from "./rules/kubernetes";
import { logArchiveRules, logArchiveUsageRules } from "./rules/log-archive";
import { messagingRules } from "./rules/messaging";
import { networkRules, networkUsageRules } from "./rules/network";
import { operationsRules, operationsUsageRules } from "./rules/operations";

/** AWS prices a month as 730 hours. */
export const hoursPerMonth = 730;

export const resourceRules: Readonly<Record<string, ResourceRule>> = {
  ...computeRules,
  ...dataRules,
  ...networkRules,
  ...edgeRules,
  ...operationsRules,
  ...kubernetesRules,
  ...messagingRules,
  ...logArchiveRules,
};

export const usageRules: readonly UsageRule[] = [...networkUsageRules, ...edgeUsageRules, ...operationsUsageRules, ...logArchiveUsageRules];

export interface TierCost {
  readonly tier: string;
  readonly monthlyUsd: number;
}

export interface CostEstimate {
  readonly region: string;
  /** How the prices are bought: on-demand, or 1-year no-upfront Savings Plans and reserved nodes. */
  readonly pricingModel: PricingModel;
  /** Every price a rule read to price this stack, each once: what the prices' age is taken from. */
  readonly pricesUsed: readonly Price[];
  readonly hours: number;
  /** Priced items, alike items of a tier merged (e.g. every standard alarm of a tier). */
  readonly lines: readonly CostLine[];
  /** Tiers in the plan's order, each with its subtotal. */
  readonly tiers: readonly TierCost[];
  readonly totalMonthlyUsd: number;
  /** Items the price table has no figure for: the total leaves them out. */
  readonly missingPrices: readonly string[];
  /** Things the registrations did not say (a service without its task definition, ...). */
  readonly warnings: readonly string[];
  /** AWS types no rule prices and the no-charge list does not name, with their counts. */
  readonly unpriced: readonly { readonly type: string; readonly count: number }[];
}

export interface EstimateOptions {
  readonly region: string;
  readonly usage: CostUsage;
  readonly hours?: number;
  /** The price table to use; the region's table by default (throws PriceTableError when none). */
  readonly prices?: PriceTable;
  /** `platform:cost.pricingModel`; on-demand by default. Ignored when `prices` is given. */
  readonly pricingModel?: PricingModel;
  /** `platform:officeHours`: what its schedules stop is priced for the office hours only. */
  readonly officeHours?: OfficeHoursSettings;
}

/**
 * Prices a stack's registrations for one month: each resource by its type token and inputs,
 * then the stack-wide usage from `platform:cost.usage`. Pure: no Pulumi, no network.
 */
export function estimateCost(resources: readonly PlannedResource[], options: EstimateOptions): CostEstimate {
  const table = options.prices ?? priceTableFor(options.region, options.pricingModel);
  const { prices, used } = recordingPrices(table);
  const index = new ResourceIndex(resources);
  const missing = new Set<string>();
  const warnings: string[] = [];
  const hours = options.hours ?? hoursPerMonth;
  const office = officeHoursByResource(index, options.officeHours);
  const ctx: RuleContext = {
    prices,
    usage: options.usage,
    hours,
    index,
    runningHours: (resource) => office.get(resource.urn) ?? { hours },
    tierOf: (resource) => tierOf(resource, index.byUrn),
    missing: (what) => missing.add(what),
    warn: (message) => warnings.push(message),
  };
  const raw: CostLine[] = [];
  const unpriced = new Map<string, number>();
  for (const resource of resources) {
    const rule = resourceRules[resource.type];
    if (rule) {
      raw.push(...rule(resource, ctx));
    } else if (needsRule(resource)) {
      unpriced.set(resource.type, (unpriced.get(resource.type) ?? 0) + 1);
    }
  }
  for (const rule of usageRules) raw.push(...rule(ctx));
  const lines = mergeAlike(raw.filter((line) => line.monthlyUsd > 0 || line.quantity > 0));
  const tiers = subtotals(lines);
  return {
    region: table.region,
    pricingModel: table.pricingModel,
    pricesUsed: [...used],
    hours: ctx.hours,
    lines,
    tiers,
    totalMonthlyUsd: tiers.reduce((sum, t) => sum + t.monthlyUsd, 0),
    missingPrices: [...missing].sort(),
    warnings,
    unpriced: [...unpriced.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => ({ type, count })),
  };
}

/**
 * A registration that should have a rule: an AWS resource, or a remote component (awsx, eks)
 * whose children stay invisible offline. Our own components and providers carry no cost.
 */
function needsRule(resource: PlannedResource): boolean {
  const pkg = resource.type.split(":")[0];
  if (resource.type.startsWith("pulumi:") || pkg === "platform" || freeTypes.has(resource.type) || freePackages.includes(pkg)) return false;
  return resource.custom || pkg === "awsx" || pkg === "eks";
}

function mergeAlike(lines: readonly CostLine[]): CostLine[] {
  const merged = new Map<string, CostLine>();
  for (const line of lines) {
    const key = [line.tier, line.service, line.item, line.unit, line.unitUsd, line.basis].join("\u0000");
    const seen = merged.get(key);
    merged.set(
      key,
      seen
        ? { ...seen, quantity: seen.quantity + line.quantity, monthlyUsd: seen.monthlyUsd + line.monthlyUsd, resources: [...seen.resources, ...line.resources] }
        : line,
    );
  }
  return [...merged.values()].sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || a.service.localeCompare(b.service) || b.monthlyUsd - a.monthlyUsd);
}

function subtotals(lines: readonly CostLine[]): TierCost[] {
  const byTier = new Map<string, number>();
  for (const line of lines) byTier.set(line.tier, (byTier.get(line.tier) ?? 0) + line.monthlyUsd);
  return [...byTier.entries()].sort(([a], [b]) => tierRank(a) - tierRank(b)).map(([tier, monthlyUsd]) => ({ tier, monthlyUsd }));
}

function tierRank(tier: string): number {
  const rank = (tierOrder as readonly string[]).indexOf(tier);
  return rank < 0 ? tierOrder.length : rank;
}
