/** Tagging: every taggable resource carries the platform's tags (cost allocation, ownership, backup selection). */
import { PlatformRule, rule } from "../lib/rule";
import { taggableAwsTypes } from "../lib/taggable-types";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { parseJson, tagKeys } from "../lib/values";

/** Remote components pass their own tags; their children get the rest from the provider's default tags. */
const componentTypes = [T.eksComponentCluster, T.eksComponentManagedNodeGroup];

/** Tag keys the provider adds to every resource (`defaultTags.tags`); providers hand nested config over as JSON text. */
export function providerDefaultTagKeys(providerProps: Readonly<Record<string, unknown>> | undefined): string[] | undefined {
  const parsed = parseJson(providerProps?.defaultTags);
  if (!parsed.known) return undefined;
  return tagKeys((parsed.value as { tags?: unknown } | undefined)?.tags);
}

export const requiredTags = rule({
  name: "required-tags",
  description: "Every taggable resource carries Project, Environment, Tier and ManagedBy (provider default tags count).",
  theme: "tagging",
  scope: "per-environment",
  fix: "Create resources under a TierComponent (adds Tier) with the stack's provider (defaultTags: Project, Environment, ManagedBy); remote components pass tags: { Tier }.",
  types: [...taggableAwsTypes, ...componentTypes],
  configSchema: {
    properties: {
      requiredTags: { type: "array", items: { type: "string" }, description: "Tag keys every taggable resource carries." },
      componentTags: { type: "array", items: { type: "string" }, description: "Tag keys remote components (eks) must pass themselves." },
    },
  },
  defaults: { requiredTags: ["Project", "Environment", "Tier", "ManagedBy"], componentTags: ["Tier"] },
  checkResource(r, c) {
    const own = tagKeys(r.props.tags);
    if (own === undefined) return c.undecided("tags");
    const component = (componentTypes as readonly string[]).includes(r.type);
    const fromProvider = component ? [] : providerDefaultTagKeys(r.providerProps);
    if (fromProvider === undefined) return c.undecided("the provider's defaultTags");
    const have = new Set([...own, ...fromProvider]);
    const wanted = component ? c.config.componentTags : c.config.requiredTags;
    const missing = wanted.filter((key) => !have.has(key));
    if (missing.length > 0) c.report(`missing tag${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`);
    const empty = Object.entries((r.props.tags ?? {}) as Record<string, unknown>).filter(([k, v]) => wanted.includes(k) && (v === "" || v === null));
    if (empty.length > 0 && !empty.some(([, v]) => isUnknown(v))) c.report(`empty tag value for ${empty.map(([k]) => k).join(", ")}`);
  },
});

export const taggingRules: readonly PlatformRule[] = [requiredTags];
