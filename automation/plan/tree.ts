import type { CapturedResource } from "../../offline";

export const tierOrder = ["security", "network", "data", "storage", "compute", "edge", "jobs", "messaging", "observability", "backup", "dr", "stack"] as const;

/** The tier of a resource: the tier of the nearest `platform:<tier>:*` component above it. */
export function tierOf<R extends Pick<CapturedResource, "type" | "parent">>(resource: R, byUrn: ReadonlyMap<string, R>): string {
  let node: R | undefined = resource;
  while (node) {
    const match = /^platform:([a-z]+):/.exec(node.type);
    if (match && match[1] !== "shared") return match[1];
    node = node.parent ? byUrn.get(node.parent) : undefined;
  }
  return "stack";
}

export interface TierSummary {
  readonly tier: string;
  /** Cloud resources (components and providers are not counted). */
  readonly count: number;
  readonly byType: ReadonlyMap<string, number>;
}

export function summarizeByTier(resources: readonly CapturedResource[]): TierSummary[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const tiers = new Map<string, Map<string, number>>();
  for (const resource of resources) {
    if (!resource.custom || resource.type.startsWith("pulumi:providers:")) continue;
    const tier = tierOf(resource, byUrn);
    const types = tiers.get(tier) ?? new Map<string, number>();
    types.set(resource.type, (types.get(resource.type) ?? 0) + 1);
    tiers.set(tier, types);
  }
  return [...tiers.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([tier, byType]) => ({ tier, byType, count: [...byType.values()].reduce((x, y) => x + y, 0) }));
}

/** The component tree, one line per resource, children indented under their parent. */
export function renderTree(resources: readonly CapturedResource[]): string[] {
  const children = new Map<string | undefined, CapturedResource[]>();
  const urns = new Set(resources.map((r) => r.urn));
  for (const resource of resources) {
    if (resource.type.startsWith("pulumi:providers:")) continue;
    const parent = resource.parent && urns.has(resource.parent) ? resource.parent : undefined;
    const list = children.get(parent) ?? [];
    list.push(resource);
    children.set(parent, list);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => order(a) - order(b) || a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
    for (const resource of list) {
      lines.push(`${"  ".repeat(depth)}${resource.custom ? shortType(resource.type) : `[${resource.type}]`} ${resource.name}`);
      walk(resource.urn, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines;
}

/** `aws:ec2/vpc:Vpc` -> `ec2.Vpc`. */
export function shortType(type: string): string {
  const match = /^([a-z0-9-]+):([A-Za-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/.exec(type);
  return match ? `${match[1] === "aws" ? "" : `${match[1]}:`}${match[2]}.${match[3]}` : type;
}

function rank(tier: string): number {
  const index = (tierOrder as readonly string[]).indexOf(tier);
  return index < 0 ? tierOrder.length : index;
}

function order(resource: CapturedResource): number {
  const match = /^platform:([a-z]+):/.exec(resource.type);
  return match ? rank(match[1]) : resource.custom ? -1 : rank("stack");
}
