import * as path from "path";
import { readStackFile, repoRoot } from "../../automation/plan/stack-file";
import type { Present, SectionInput } from "./config";

type ComputeInput = SectionInput<"compute">;
/** `platform:compute` of the OpenMarket blueprints: the EKS settings are there, with their endpoint. */
export type EksComputeInput = Present<ComputeInput, "eks"> & { eks: Present<NonNullable<ComputeInput["eks"]>, "endpoint"> };

/** The OpenMarket (seed 004) blueprint of an environment: the repository's EKS stacks. */
export const openMarketBlueprint = (env: "dev" | "prod") => path.join(repoRoot, "blueprints/openmarket", `Pulumi.${env}.yaml`);

/** A blueprint's flat config with `platform:compute` changed by `edit` (which mutates the parsed JSON). */
export function withCompute(env: "dev" | "prod", edit: (compute: EksComputeInput) => void): Record<string, string> {
  const config = { ...readStackFile(openMarketBlueprint(env)).config };
  const compute = JSON.parse(config["platform:compute"]) as EksComputeInput;
  edit(compute);
  config["platform:compute"] = JSON.stringify(compute);
  return config;
}
