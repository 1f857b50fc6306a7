/**
 * Progressive delivery of an ECS service: how a new revision takes over from the running one, and
 * which alarms roll it back. Pure: the config checks report `deliveryProblems`, the compute tier
 * renders `ecsDeploymentConfiguration` onto the service.
 *
 * ECS runs four strategies itself, without CodeDeploy (DeploymentConfiguration.strategy, ECS API
 * Reference): ROLLING replaces tasks in batches; BLUE_GREEN starts the new revision beside the old
 * one and moves all traffic at once; CANARY moves one share of the traffic, waits, then the rest
 * (CanaryConfiguration: canaryPercent a multiple of 0.1 from 0.1 to 100, canaryBakeTimeInMinutes
 * 0-1440); LINEAR moves equal shares with a wait between them (LinearConfiguration: stepPercent a
 * multiple of 0.1 from 3 to 100, stepBakeTimeInMinutes 0-1440). The last three keep the old
 * revision for `bakeTimeInMinutes` (0-1440) after all traffic has moved, so a rollback is a switch
 * back, not a redeploy.
 *
 * A config lists the traffic steps as the designs write them (NewsForge: 10 % -> 50 % -> 100 %) and
 * names the strategy; a list the strategy cannot run is a config error saying what it can run,
 * rather than a silent approximation. ECS has no strategy for 10 -> 50 -> 100: CANARY has one step
 * before all traffic, LINEAR equal steps. NewsForge's blueprint uses LINEAR in 10 % steps, which
 * stops at both of its design's steps (10 % and 50 %) and never moves more than 10 % at once.
 */

export type DeliveryStrategy = "rolling" | "blue-green" | "canary" | "linear";

/** An alarm of the observability tier that rolls a deployment back when it fires during it. */
export type RollbackSignal = "5xx-count" | "5xx-rate" | "p95-latency";

/** `platform:compute.ecs.services.<name>.delivery`. */
export interface DeliverySettings {
  readonly strategy: DeliveryStrategy;
  /** Percent of production traffic on the new revision after each step, increasing, ending at 100 (canary, linear). */
  readonly trafficSteps?: readonly number[];
  /** Minutes each step (but the last) is watched before the next (canary, linear). */
  readonly stepBakeMinutes?: number;
  /** Minutes the old revision is kept after all traffic moved (blue-green, canary, linear). */
  readonly bakeMinutes?: number;
  /** The alarms that roll the deployment back (ECS deployment alarms). */
  readonly rollbackOn: readonly RollbackSignal[];
}

/** ECS's bound on every bake time (DeploymentConfiguration.bakeTimeInMinutes, CanaryConfiguration, LinearConfiguration). */
export const maxBakeMinutes = 1440;

/** The strategies that move traffic between two target groups (ECS's blue/green family). */
export function shiftsTraffic(strategy: DeliveryStrategy): boolean {
  return strategy !== "rolling";
}

export interface DeliveryProblem {
  /** Path under the `delivery` object, e.g. `["trafficSteps", 1]`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** What ECS could not run in these settings; each problem names its field. */
export function deliveryProblems(settings: DeliverySettings): DeliveryProblem[] {
  const { strategy, trafficSteps } = settings;
  const problems: DeliveryProblem[] = [];
  if (strategy === "rolling" && settings.bakeMinutes !== undefined) {
    problems.push({ path: ["bakeMinutes"], message: "rolling deployments have no bake time (ECS uses it with blue-green, canary and linear)" });
  }
  if ((strategy === "rolling" || strategy === "blue-green") && settings.stepBakeMinutes !== undefined) {
    problems.push({ path: ["stepBakeMinutes"], message: `applies to canary and linear, not ${strategy}` });
  }
  if (strategy === "rolling" || strategy === "blue-green") {
    if (trafficSteps !== undefined) {
      const what = strategy === "rolling" ? "rolling replaces tasks in batches (deployment.maximumPercent)" : "blue-green shifts all traffic at once";
      problems.push({ path: ["trafficSteps"], message: `${what}; traffic steps apply to canary and linear` });
    }
    return problems;
  }
  if (trafficSteps === undefined || trafficSteps.length === 0) {
    return [...problems, { path: ["trafficSteps"], message: `${strategy} needs its traffic steps, e.g. ${strategy === "canary" ? "[10, 100]" : "[10, 20, ..., 100]"}` }];
  }
  const stepProblems = listProblems(trafficSteps);
  if (stepProblems.length > 0) return [...problems, ...stepProblems];
  return [...problems, ...(strategy === "canary" ? canaryProblems(trafficSteps) : linearProblems(trafficSteps))];
}

/** Each step a multiple of 0.1 in 0.1-100, increasing, the last 100. */
function listProblems(steps: readonly number[]): DeliveryProblem[] {
  const problems: DeliveryProblem[] = [];
  steps.forEach((step, i) => {
    if (!isTenthOfPercent(step)) {
      problems.push({ path: ["trafficSteps", i], message: `must be a multiple of 0.1 from 0.1 to 100 (ECS CanaryConfiguration.canaryPercent), not ${step}` });
    } else if (i > 0 && step <= steps[i - 1]) {
      problems.push({ path: ["trafficSteps", i], message: `must be above the step before it (${steps[i - 1]}): traffic only moves forward` });
    }
  });
  const last = steps[steps.length - 1];
  if (last !== 100) problems.push({ path: ["trafficSteps"], message: `must end at 100 (the last step sends all traffic to the new revision), not ${last}` });
  return problems;
}

function canaryProblems(steps: readonly number[]): DeliveryProblem[] {
  if (steps.length === 2) return [];
  return [
    {
      path: ["trafficSteps"],
      message:
        "ECS CANARY shifts one canary step, then all traffic: give [<percent>, 100] (e.g. [10, 100]), or use strategy linear with equal steps (e.g. [10, 20, ..., 100], which stops at 10 and 50)",
    },
  ];
}

function linearProblems(steps: readonly number[]): DeliveryProblem[] {
  const step = steps[0];
  if (step < 3) return [{ path: ["trafficSteps", 0], message: `ECS LINEAR steps are 3-100 % (LinearConfiguration.stepPercent), not ${step}` }];
  for (let i = 1; i < steps.length; i++) {
    const added = round1(steps[i] - steps[i - 1]);
    if (added !== step) {
      return [
        {
          path: ["trafficSteps"],
          message: `ECS LINEAR shifts equal steps: each step must add ${step} (the first step), e.g. [${step}, ${round1(2 * step)}, ..., 100]; ${steps[i]} adds ${added}`,
        },
      ];
    }
  }
  return [];
}

/** `deploymentConfiguration` of an `aws.ecs.Service` (bake times are strings in the provider's schema). */
export interface EcsDeploymentConfiguration {
  readonly strategy: "ROLLING" | "BLUE_GREEN" | "CANARY" | "LINEAR";
  readonly bakeTimeInMinutes?: string;
  readonly canaryConfiguration?: { readonly canaryPercent: number; readonly canaryBakeTimeInMinutes: string };
  readonly linearConfiguration?: { readonly stepPercent: number; readonly stepBakeTimeInMinutes: string };
}

/** ECS's bake defaults when a config gives none: CanaryConfiguration 10 minutes, LinearConfiguration 6 (ECS API Reference). */
const ecsStepBakeDefault = { canary: 10, linear: 6 } as const;

/** The settings as ECS takes them; call only on settings without `deliveryProblems`. */
export function ecsDeploymentConfiguration(settings: DeliverySettings): EcsDeploymentConfiguration {
  const bake = settings.bakeMinutes === undefined ? {} : { bakeTimeInMinutes: String(settings.bakeMinutes) };
  switch (settings.strategy) {
    case "rolling":
      return { strategy: "ROLLING" };
    case "blue-green":
      return { strategy: "BLUE_GREEN", ...bake };
    case "canary":
      return {
        strategy: "CANARY",
        ...bake,
        canaryConfiguration: { canaryPercent: settings.trafficSteps![0], canaryBakeTimeInMinutes: String(settings.stepBakeMinutes ?? ecsStepBakeDefault.canary) },
      };
    case "linear":
      return {
        strategy: "LINEAR",
        ...bake,
        linearConfiguration: { stepPercent: settings.trafficSteps![0], stepBakeTimeInMinutes: String(settings.stepBakeMinutes ?? ecsStepBakeDefault.linear) },
      };
  }
}

function isTenthOfPercent(value: number): boolean {
  return value >= 0.1 && value <= 100 && Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
