/**
 * How a service's tasks split between on-demand Fargate and Fargate Spot. Pure: the ECS variant
 * turns the result into the service's capacity provider strategy.
 */
export interface CapacitySettings {
  /** Percent of the tasks above the base that run on FARGATE_SPOT (seed 000: 80 in prod, 100 in staging). */
  readonly spotPercent: number;
  /** Tasks that always run on on-demand FARGATE before the split applies (the strategy's `base`). */
  readonly onDemandBaseTasks: number;
}

export interface StrategyItem {
  readonly capacityProvider: "FARGATE" | "FARGATE_SPOT";
  readonly weight: number;
  readonly base: number;
}

/**
 * The strategy ECS expects: weights are relative, so percentages are used as weights directly
 * (80/20 reads as the seed says it). A provider with weight 0 is left out unless it carries the
 * base, because ECS places nothing on it otherwise.
 */
export function capacityProviderStrategy(share: CapacitySettings): StrategyItem[] {
  if (share.spotPercent < 0 || share.spotPercent > 100 || !Number.isInteger(share.spotPercent)) {
    throw new Error(`spotPercent must be a whole number from 0 to 100, got ${share.spotPercent}`);
  }
  const onDemandWeight = 100 - share.spotPercent;
  const items: StrategyItem[] = [];
  if (onDemandWeight > 0 || share.onDemandBaseTasks > 0) {
    items.push({ capacityProvider: "FARGATE", weight: onDemandWeight, base: share.onDemandBaseTasks });
  }
  if (share.spotPercent > 0) {
    items.push({ capacityProvider: "FARGATE_SPOT", weight: share.spotPercent, base: 0 });
  }
  return items;
}

/** Expected tasks on Spot for `tasks` running tasks under `share`, as ECS would place them. */
export function spotTasks(share: CapacitySettings, tasks: number): number {
  const aboveBase = Math.max(0, tasks - share.onDemandBaseTasks);
  return Math.floor((aboveBase * share.spotPercent) / 100);
}
