/**
 * The rollout graph: which stack must be updated before which. Pure logic, no Pulumi imports.
 *
 * A stack is updated only after every stack it depends on succeeded; stacks with no path between
 * them in the same wave run concurrently. Errors (unknown stack, cycle) are raised before anything
 * runs.
 */

/** stack -> the stacks that must be rolled out before it. */
export type StackGraph = Readonly<Record<string, readonly string[]>>;

/**
 * The declared order: changes flow from dev through staging to prod, and the standby follows prod
 * because it reads prod's outputs through a StackReference (DESIGN.md sections 4 and 8).
 */
export const rolloutGraph: StackGraph = {
  dev: [],
  staging: ["dev"],
  prod: ["staging"],
  "prod-dr": ["prod"],
};

export class GraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GraphError";
  }
}

/**
 * Checks that every dependency is a stack of the graph and that the graph has no cycle.
 * `knownStacks` (the stack files present) must hold every node of the graph.
 */
export function validateGraph(graph: StackGraph, knownStacks?: readonly string[]): void {
  const nodes = Object.keys(graph);
  const problems: string[] = [];
  for (const [stack, deps] of Object.entries(graph)) {
    if (knownStacks && !knownStacks.includes(stack)) {
      problems.push(`stack '${stack}' is in the rollout graph but has no stack file Pulumi.${stack}.yaml`);
    }
    for (const dep of deps) {
      if (!nodes.includes(dep)) problems.push(`stack '${stack}' depends on unknown stack '${dep}' (known: ${nodes.join(", ")})`);
      if (dep === stack) problems.push(`stack '${stack}' depends on itself`);
    }
  }
  if (problems.length > 0) throw new GraphError(problems.join("\n"));
  const cycle = findCycle(graph);
  if (cycle) throw new GraphError(`the rollout graph has a cycle: ${cycle.join(" -> ")}`);
}

/** A cycle as a path that starts and ends on the same stack, or undefined. */
export function findCycle(graph: StackGraph): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "visiting") return [...path.slice(path.indexOf(node)), node];
    state.set(node, "visiting");
    path.push(node);
    for (const dep of graph[node] ?? []) {
      const found = visit(dep);
      if (found) return found;
    }
    path.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of Object.keys(graph).sort()) {
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

/** Every stack `stack` depends on, directly or through others. */
export function ancestors(graph: StackGraph, stack: string): Set<string> {
  const seen = new Set<string>();
  const stackOf = [...(graph[stack] ?? [])];
  while (stackOf.length > 0) {
    const next = stackOf.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stackOf.push(...(graph[next] ?? []));
  }
  return seen;
}

/**
 * Restricts the graph to `selected` stacks, keeping the order the full graph implies between them
 * (dev -> prod stays ordered when staging is left out).
 */
export function selectStacks(graph: StackGraph, selected: readonly string[]): StackGraph {
  const nodes = Object.keys(graph);
  const unknown = selected.filter((stack) => !nodes.includes(stack));
  if (unknown.length > 0) {
    throw new GraphError(`unknown stack${unknown.length > 1 ? "s" : ""} ${unknown.map((s) => `'${s}'`).join(", ")} (known: ${nodes.join(", ")})`);
  }
  const chosen = new Set(selected);
  const result: Record<string, string[]> = {};
  for (const stack of nodes.filter((n) => chosen.has(n))) {
    const before = ancestors(graph, stack);
    // Keep only the nearest selected ancestors: a transitive edge adds no order.
    const kept = [...before].filter((a) => chosen.has(a));
    result[stack] = kept.filter((a) => !kept.some((b) => b !== a && ancestors(graph, b).has(a))).sort();
  }
  return result;
}

/**
 * Waves: each wave holds the stacks whose dependencies are all in earlier waves. Stacks in one wave
 * have no path between them and may run concurrently. Order inside a wave is alphabetical, so
 * output and tests are stable.
 */
export function waves(graph: StackGraph): string[][] {
  validateGraph(graph);
  const placed = new Map<string, number>();
  const result: string[][] = [];
  const remaining = new Set(Object.keys(graph));
  while (remaining.size > 0) {
    const ready = [...remaining].filter((stack) => (graph[stack] ?? []).every((dep) => placed.has(dep))).sort();
    // validateGraph ruled out cycles, so some stack is always ready.
    ready.forEach((stack) => {
      placed.set(stack, result.length);
      remaining.delete(stack);
    });
    result.push(ready);
  }
  return result;
}
