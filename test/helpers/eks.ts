import * as path from "path";
import { readStackFile, repoRoot } from "../../automation/plan/stack-file";

/** The OpenMarket (seed 004) blueprint of an environment: the repository's EKS stacks. */
export const openMarketBlueprint = (env: "dev" | "prod") => path.join(repoRoot, "blueprints/openmarket", `Pulumi.${env}.yaml`);

/** A blueprint's flat config with `platform:compute` changed by `edit` (which mutates the parsed JSON). */
export function withCompute(env: "dev" | "prod", edit: (compute: any) => void): Record<string, string> {
  const config = { ...readStackFile(openMarketBlueprint(env)).config };
  const compute = JSON.parse(config["platform:compute"]);
  edit(compute);
  config["platform:compute"] = JSON.stringify(compute);
  return config;
}
