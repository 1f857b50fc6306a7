/**
 * Updates that are refused: by the provider at preview, before it calls AWS (as `pulumi preview`
 * would fail on them), or by the AWS service when `pulumi up` applies them (the preview passes, the
 * update fails half-way through a deploy). The offline comparison reports each as a refusal naming
 * the resource, the field and who refuses.
 */
import { isUnder } from "./fields";
import type { FieldChange } from "./types";

export interface UpdateRule {
  /** The property whose change the provider checks. */
  readonly field: string;
  /** Where the rule is read. */
  readonly source: string;
  /** Who refuses: "the provider" (at preview) or the service (when the update is applied). */
  readonly refusedBy: string;
  /** The provider's message when it refuses, or undefined when the update goes through. */
  readonly refuse: (after: Readonly<Record<string, unknown>>, before: Readonly<Record<string, unknown>>) => string | undefined;
}

export const updateRules: Readonly<Record<string, readonly UpdateRule[]>> = {
  "aws:ecs/service:Service": [
    {
      field: "capacityProviderStrategies",
      // capacityProviderStrategyCustomizeDiff, part of resourceService's CustomizeDiff: when the
      // service exists (d.Id() != "") and capacity_provider_strategy changes, force_new_deployment
      // must be true, else the plan fails.
      source: "hashicorp/terraform-provider-aws v6.58.0 internal/service/ecs/service.go capacityProviderStrategyCustomizeDiff",
      refusedBy: "the provider",
      refuse: (after) =>
        after.forceNewDeployment === true ? undefined : "force_new_deployment should be true when capacity_provider_strategy is being updated (set forceNewDeployment)",
    },
  ],
  "aws:rds/instance:Instance": [majorVersionRule("ModifyDBInstance")],
  "aws:rds/cluster:Cluster": [majorVersionRule("ModifyDBCluster")],
};

/**
 * The engine's major version as RDS counts it: PostgreSQL from 10 on by its first number ("16.4"
 * -> "16"), MySQL and MariaDB by the first two ("8.0.39" -> "8.0"; Aurora MySQL's
 * "8.0.mysql_aurora.3.05.2" -> "8.0").
 */
export function majorVersion(version: string): string {
  const parts = version.split(".");
  return Number(parts[0]) >= 10 ? parts[0] : parts.slice(0, 2).join(".");
}

/**
 * RDS refuses a new major engine version unless the request allows major upgrades: "Major version
 * upgrades must be allowed when specifying a value for the EngineVersion parameter that's a
 * different major version than the DB instance's current version" (RDS API Reference,
 * ModifyDBInstance and ModifyDBCluster, AllowMajorVersionUpgrade). The provider passes
 * allowMajorVersionUpgrade through, so the preview passes and the update fails at apply.
 */
function majorVersionRule(action: string): UpdateRule {
  return {
    field: "engineVersion",
    source: `RDS API Reference, ${action}: AllowMajorVersionUpgrade constraint`,
    refusedBy: "RDS",
    refuse: (after, before) => {
      const [from, to] = [before.engineVersion, after.engineVersion];
      if (typeof from !== "string" || typeof to !== "string" || majorVersion(from) === majorVersion(to)) return undefined;
      return after.allowMajorVersionUpgrade === true
        ? undefined
        : `${from} -> ${to} is a major version upgrade, which needs allowMajorVersionUpgrade: true in the same request`;
    },
  };
}

/** The refusals an in-place update of `type` meets, given its changed fields. */
export function refusalsOf(
  type: string,
  fields: readonly FieldChange[],
  after: Readonly<Record<string, unknown>>,
  before: Readonly<Record<string, unknown>>,
): { field: string; refusedBy: string; message: string }[] {
  return (updateRules[type] ?? []).flatMap((rule) => {
    if (!fields.some((f) => isUnder(f.path, rule.field))) return [];
    const message = rule.refuse(after, before);
    return message ? [{ field: rule.field, refusedBy: rule.refusedBy, message: `${message} [${rule.source}]` }] : [];
  });
}
