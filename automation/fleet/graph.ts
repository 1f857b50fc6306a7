import { findCycle, StackGraph, waves } from "../stacks/graph";
import { FleetFile, FleetFileError, FleetStack } from "./schema";

/**
 * The fleet's order as a graph. A stack waits for:
 *  - the same product's stacks in the same region one environment earlier (dev before staging
 *    before prod: a change is promoted, never deployed to prod first);
 *  - its primary, when it is a standby (it reads the primary's outputs through a StackReference);
 *  - the stack that owns the baseline of its account and region (the others assume what it
 *    creates: the registry's replication, the detector);
 *  - the stacks it names in `after`.
 */
export interface FleetGraph {
  /** stack -> the stacks it waits for. */
  readonly deps: StackGraph;
  /** `a<-b` -> why b waits for a, for the plan's explanation. */
  readonly reasons: ReadonlyMap<string, string>;
  readonly stacks: ReadonlyMap<string, FleetStack>;
}

export function fleetGraph(fleet: FleetFile, file = "fleet file"): FleetGraph {
  const deps: Record<string, string[]> = {};
  const reasons = new Map<string, string>();
  const add = (stack: string, dep: string, why: string) => {
    if (stack === dep || deps[stack].includes(dep)) return;
    deps[stack].push(dep);
    reasons.set(`${dep}<-${stack}`, why);
  };
  for (const s of fleet.stacks) deps[s.name] = [];
  const envIndex = (s: FleetStack) => fleet.environments.indexOf(s.environment);
  for (const s of fleet.stacks) {
    const sameLine = fleet.stacks.filter((o) => o.product === s.product && o.region === s.region && envIndex(o) < envIndex(s));
    const previous = Math.max(-1, ...sameLine.map(envIndex));
    for (const o of sameLine.filter((o) => envIndex(o) === previous)) add(s.name, o.name, `${o.environment} before ${s.environment}`);
    if (s.standbyFor) add(s.name, s.standbyFor, "primary before its standby");
    if (!s.baseline) {
      const owner = fleet.stacks.find((o) => o.baseline && o.account === s.account && o.region === s.region);
      if (owner) add(s.name, owner.name, `baseline of account '${s.account}' in ${s.region} first`);
    }
    for (const dep of s.after ?? []) add(s.name, dep, "after (fleet file)");
  }
  const cycle = findCycle(deps);
  if (cycle) {
    // Read the cycle forwards (a before b before ...), each link with its reason.
    const forward = [...cycle].reverse();
    const links = forward.slice(1).map((stack, i) => `${forward[i]} before ${stack} (${reasons.get(`${forward[i]}<-${stack}`)})`);
    throw new FleetFileError([`${file}: stack '${cycle[0]}' is on a cycle: ${links.join(", ")}`]);
  }
  return { deps, reasons, stacks: new Map(fleet.stacks.map((s) => [s.name, s])) };
}

/** Stack -> the stacks that wait for it. */
export function dependents(deps: StackGraph): Map<string, string[]> {
  const result = new Map<string, string[]>(Object.keys(deps).map((s) => [s, []]));
  for (const [stack, before] of Object.entries(deps)) for (const dep of before) result.get(dep)?.push(stack);
  return result;
}

/**
 * Longest path from each stack to the end of the graph, the stack included, with `weight` per
 * stack (1 each when durations are unknown: a count of stacks). The scheduler starts the ready
 * stack with the longest tail first: the critical path's stacks never wait behind short ones.
 */
export function tailLengths(deps: StackGraph, weight: (stack: string) => number = () => 1): Map<string, number> {
  const after = dependents(deps);
  const order = waves(deps).flat().reverse();
  const tail = new Map<string, number>();
  for (const stack of order) tail.set(stack, weight(stack) + Math.max(0, ...(after.get(stack) ?? []).map((d) => tail.get(d) ?? 0)));
  return tail;
}

/** The graph's critical path: the chain of stacks whose summed durations is longest. */
export function criticalPath(deps: StackGraph, duration: (stack: string) => number): { length: number; stacks: string[] } {
  const tail = tailLengths(deps, duration);
  const after = dependents(deps);
  const roots = Object.keys(deps).filter((s) => deps[s].length === 0);
  const path: string[] = [];
  let next = roots.sort((a, b) => (tail.get(b) ?? 0) - (tail.get(a) ?? 0))[0];
  while (next !== undefined) {
    path.push(next);
    next = [...(after.get(next) ?? [])].sort((a, b) => (tail.get(b) ?? 0) - (tail.get(a) ?? 0))[0];
  }
  return { length: roots.length === 0 ? 0 : Math.max(...roots.map((r) => tail.get(r) ?? 0)), stacks: path };
}

/**
 * A lower bound on any schedule's makespan on `slots` slots that is tighter than the critical path
 * and the work over the slots when the graph gates most stacks behind a few (here: every stack of
 * an account and region behind its baseline owner). No stack starts before its earliest start
 * (the longest chain before it), so for every time r the work of the stacks that cannot start
 * before r runs after r: makespan >= r + work(earliest start >= r) / slots. r = 0 gives the work
 * bound. A "release date" bound of the parallel-machine scheduling literature (e.g. Pinedo,
 * Scheduling, ch. 5).
 */
export function releaseBound(deps: StackGraph, duration: (stack: string) => number, slots: number): number {
  const earliest = new Map<string, number>();
  for (const stack of waves(deps).flat()) earliest.set(stack, Math.max(0, ...deps[stack].map((d) => (earliest.get(d) ?? 0) + duration(d))));
  const byStart = [...earliest.entries()].sort((a, b) => b[1] - a[1]);
  let best = 0;
  let work = 0;
  // Walk from the latest earliest-start down; at each distinct start r, `work` is everything starting at r or later.
  byStart.forEach(([stack, start], i) => {
    work += duration(stack);
    if (i === byStart.length - 1 || byStart[i + 1][1] !== start) best = Math.max(best, start + work / slots);
  });
  return Math.round(best);
}
