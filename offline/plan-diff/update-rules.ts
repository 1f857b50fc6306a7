/**
 * Updates a provider refuses at preview, before it calls AWS: the offline comparison reports each
 * as a refusal naming the resource and the field, as `pulumi preview` would fail on it.
 */
import { isUnder } from "./fields";
import type { FieldChange } from "./types";

export interface UpdateRule {
  /** The property whose change the provider checks. */
  readonly field: string;
  /** Where the rule is read. */
  readonly source: string;
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
      refuse: (after) =>
        after.forceNewDeployment === true ? undefined : "force_new_deployment should be true when capacity_provider_strategy is being updated (set forceNewDeployment)",
    },
  ],
};

/** The refusals an in-place update of `type` meets, given its changed fields. */
export function refusalsOf(
  type: string,
  fields: readonly FieldChange[],
  after: Readonly<Record<string, unknown>>,
  before: Readonly<Record<string, unknown>>,
): { field: string; message: string }[] {
  return (updateRules[type] ?? []).flatMap((rule) => {
    if (!fields.some((f) => isUnder(f.path, rule.field))) return [];
    const message = rule.refuse(after, before);
    return message ? [{ field: rule.field, message: `${message} [${rule.source}]` }] : [];
  });
}
