// plan.json from a render (its format: plan-file.ts). Secret values are `[secret]` and
// secret-shaped strings redacted, in inputs, computed attributes and outputs alike.
import { redactSecretShapes } from "../../model/security/secret-shapes";
import { isCloudResource, isSecretValue, redactSecrets } from "../../offline";
import type { CapturedResource } from "../../offline";
import { PlanJson, planFileName, planFormatVersion } from "./plan-file";
import type { PlanContext, PlanFacts } from "./step";

/** Secrets, and strings shaped like credentials, out of anything written to out/. */
function redacted(value: unknown): unknown {
  return redactSecretShapes(redactSecrets(value));
}

/** The attributes a resource gained from the cloud; none for generated secrets (their result is the secret). */
function computedOf(r: CapturedResource): Record<string, unknown> {
  if (r.type.startsWith("random:")) return {};
  const secretOutputs = new Set(r.options.additionalSecretOutputs);
  const entries = Object.entries(r.state).filter(([key, value]) => !(key in r.inputs) && !secretOutputs.has(key) && !isSecretValue(value));
  return redacted(Object.fromEntries(entries)) as Record<string, unknown>;
}

/** Defined beside the render, which counts resources the same way while it runs (its progress). */
export { isCloudResource };

/** Registrations counted the way `plan` prints them: cloud resources, and components (the stack, tiers, awsx/eks). */
export function resourceCounts(resources: readonly Pick<CapturedResource, "custom" | "type">[]): PlanJson["counts"] {
  return {
    resources: resources.filter(isCloudResource).length,
    components: resources.filter((r) => !r.custom).length,
  };
}

/** What plan.json is made of: the render, and the config's acknowledgements when there is one. */
export type PlanJsonSource = Pick<PlanContext, "stack" | "region" | "resources"> & Partial<Pick<PlanContext, "config" | "outputs">>;

export function planJson(context: PlanJsonSource, file = `Pulumi.${context.stack}.yaml`, facts: PlanFacts = {}): PlanJson {
  return {
    formatVersion: planFormatVersion,
    stack: context.stack,
    region: context.region,
    file: planFileName(file),
    acknowledgedReplacements: [...(context.config?.acknowledgedReplacements ?? [])],
    counts: resourceCounts(context.resources),
    ...facts,
    // Providers other than AWS's (random, kubernetes) configure nothing a review reads: left out, as in format 1.
    resources: context.resources.filter((r) => !r.type.startsWith("pulumi:providers:") || r.type === "pulumi:providers:aws").map((r) => ({
      type: r.type,
      name: r.name,
      urn: r.urn,
      parent: r.parent ?? null,
      custom: r.custom,
      id: r.custom ? r.id : null,
      region: r.region,
      protect: r.options.protect,
      // Secret-shaped strings too: the config refuses them, and nothing else may carry one into out/.
      inputs: redacted(r.inputs) as Record<string, unknown>,
      computed: r.custom ? computedOf(r) : {},
      options: { ignoreChanges: [...r.options.ignoreChanges], deleteBeforeReplace: r.options.deleteBeforeReplace, propertyDependencies: r.options.propertyDependencies },
    })),
    outputs: redacted(Object.fromEntries(Object.entries(context.outputs ?? {}).map(([key, value]) => [key, isSecretOutput(value) ? "[secret]" : value]))) as Record<string, unknown>,
  };
}

function isSecretOutput(value: unknown): boolean {
  return Boolean(value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && (value as { secret?: unknown }).secret === true);
}

