import type { PlatformSettings } from "../../model/platform";

/** Tags every taggable resource carries through the provider; `Tier` is added per component. */
export function defaultTags(config: Pick<PlatformSettings, "tags" | "project" | "environment">): Record<string, string> {
  return { ...config.tags, Project: config.project, Environment: config.environment, ManagedBy: "pulumi" };
}
