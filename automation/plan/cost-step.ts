import type { PlatformSettings } from "../../model/platform";
import { CostEstimate, estimateCost } from "../cost/engine";
import { costHeader, costMarkdown, costNotes, costTable, usd } from "../cost/format";
import { PriceTableError } from "../cost/prices";
import { compareWithReference, referenceLines, referenceMarkdown } from "../cost/reference";
import type { PlanContext, PlanStep, StepOutcome } from "./step";

export interface Budget {
  readonly monthlyUsd: number;
  /** The config key it comes from, for the warning. */
  readonly from: string;
}

/**
 * The stack's monthly budget, from its single place in config: the observability tier's AWS
 * Budgets budget when the stack has one, else `platform:cost.monthlyBudgetUsd` (the schema
 * refuses both at once).
 */
export function budgetOf(config: PlatformSettings): Budget | undefined {
  const budgeted = config.observability?.budget?.monthlyUsd;
  if (budgeted !== undefined) return { monthlyUsd: budgeted, from: "platform:observability.budget.monthlyUsd" };
  const monthlyUsd = config.cost.monthlyBudgetUsd;
  return monthlyUsd === undefined ? undefined : { monthlyUsd, from: "platform:cost.monthlyBudgetUsd" };
}

/** The warning `plan` prints when the estimate is over budget; undefined when within it. */
export function budgetWarning(estimate: CostEstimate, budget: Budget | undefined): string | undefined {
  if (!budget || estimate.totalMonthlyUsd <= budget.monthlyUsd) return undefined;
  const over = estimate.totalMonthlyUsd - budget.monthlyUsd;
  return `WARNING: the estimate of ${usd(estimate.totalMonthlyUsd)}/month exceeds the budget of ${usd(budget.monthlyUsd)} (${budget.from}) by ${usd(over)}`;
}

/** `plan`'s monthly cost estimate per tier and in total, with the budget check. */
export const costStep: PlanStep & { estimate(context: PlanContext): CostEstimate } = {
  name: "cost",
  title: "Cost estimate",
  estimate(context) {
    return estimateCost(context.resources, { region: context.region, usage: context.config.cost.usage, officeHours: context.config.officeHours, pricingModel: context.config.cost.pricingModel });
  },
  run(context): StepOutcome {
    let estimate: CostEstimate;
    try {
      estimate = this.estimate(context);
    } catch (error) {
      if (!(error instanceof PriceTableError)) throw error;
      const line = `WARNING: no estimate: ${error.message}`;
      return { lines: [line], markdown: line, summary: `cost: ${line}`, facts: { cost: null }, failed: false };
    }
    const budget = budgetOf(context.config);
    const over = budgetWarning(estimate, budget);
    const within = budget && !over ? `within the budget of ${usd(budget.monthlyUsd)} (${budget.from})` : undefined;
    const reference = context.config.cost.reference ? compareWithReference(estimate, context.config.cost.reference) : undefined;
    const lines = [
      ...costHeader(estimate),
      ...costTable(estimate),
      ...(over ? [over] : within ? [`  ${within}`] : []),
      ...costNotes(estimate).map((note) => `  note: ${note}`),
      ...(reference ? referenceLines(reference) : []),
    ];
    const markdown = [costMarkdown(estimate, over ?? (within ? `The estimate is ${within}.` : undefined)), ...(reference ? ["", referenceMarkdown(reference)] : [])];
    const summary = `cost: ${usd(estimate.totalMonthlyUsd)}/month${over ? `, over the budget of ${usd(budget?.monthlyUsd ?? 0)}` : within ? `, ${within}` : ""}`;
    const facts = { cost: { region: estimate.region, hours: estimate.hours, totalMonthlyUsd: estimate.totalMonthlyUsd, tiers: estimate.tiers.map((t) => ({ tier: t.tier, monthlyUsd: t.monthlyUsd })) } };
    return { lines, markdown: markdown.join("\n"), summary, facts, failed: false };
  },
};
