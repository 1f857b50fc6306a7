import type { CapturedResource } from "../../offline";

/**
 * The part of a registration the cost engine and the diagram read. `CapturedResource` (the mock
 * cloud's record of a render) satisfies it; tests build these by hand. Inputs that were outputs
 * of other resources hold what those resolved to (ids, ARNs, names), as after an update.
 */
export type PlannedResource = Pick<CapturedResource, "urn" | "type" | "name" | "parent" | "custom" | "id" | "inputs"> & {
  readonly state?: Readonly<Record<string, unknown>>;
};

/** Looks resources up by the ways other resources refer to them: id, ARN, name. */
export class ResourceIndex {
  private readonly byType = new Map<string, PlannedResource[]>();
  readonly byUrn: ReadonlyMap<string, PlannedResource>;

  constructor(readonly resources: readonly PlannedResource[]) {
    for (const resource of resources) {
      const list = this.byType.get(resource.type) ?? [];
      list.push(resource);
      this.byType.set(resource.type, list);
    }
    this.byUrn = new Map(resources.map((r) => [r.urn, r]));
  }

  ofType(...types: string[]): PlannedResource[] {
    return types.flatMap((type) => this.byType.get(type) ?? []);
  }

  /**
   * The resource of one of `types` that `ref` names: its id, ARN (with or without a task
   * definition revision), physical name or family. Undefined when nothing matches.
   */
  find(ref: unknown, ...types: string[]): PlannedResource | undefined {
    if (typeof ref !== "string" || ref === "") return undefined;
    const candidates = this.ofType(...types);
    return candidates.find((r) => referenceKeys(r).includes(ref)) ?? candidates.find((r) => referenceKeys(r).includes(stripRevision(ref)));
  }
}

function referenceKeys(resource: PlannedResource): string[] {
  const keys = [resource.id];
  for (const source of [resource.state ?? {}, resource.inputs]) {
    for (const field of ["arn", "arnWithoutRevision", "name", "family", "clusterIdentifier", "identifier", "replicationGroupId", "bucket"]) {
      const value = source[field];
      if (typeof value === "string" && value !== "") keys.push(value);
    }
  }
  return keys;
}

/** `arn:...:task-definition/web:3` and `web:3` refer to the family `web`. */
function stripRevision(ref: string): string {
  const match = /^(?:arn:[^:]+:ecs:[^:]*:[^:]*:task-definition\/)?([A-Za-z0-9_-]+):\d+$/.exec(ref);
  return match ? match[1] : ref;
}

/** A number input; undefined when absent or not a number (numbers given as text are read). */
export function num(inputs: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const value = inputs[key];
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function str(inputs: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = inputs[key];
  return typeof value === "string" ? value : undefined;
}

export function bool(inputs: Readonly<Record<string, unknown>>, key: string): boolean | undefined {
  const value = inputs[key];
  return typeof value === "boolean" ? value : undefined;
}

export function list(inputs: Readonly<Record<string, unknown>>, key: string): unknown[] {
  const value = inputs[key];
  return Array.isArray(value) ? value : [];
}

export function record(value: unknown): Readonly<Record<string, unknown>> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
