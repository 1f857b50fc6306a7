import { costStep } from "./cost-step";
import { diagramStep } from "./diagram-step";
import { policyGateStep } from "./policy-gate";
import { routesStep } from "./routes";
import type { PlanStep } from "./step";

/** The steps `npm run plan` runs after the render, in this order. */
export const planSteps: PlanStep[] = [routesStep, policyGateStep, costStep, diagramStep];
