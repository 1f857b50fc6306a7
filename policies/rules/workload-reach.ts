/**
 * Network exposure per workload: a data store's group, or a service's, admits only the workloads
 * that declare they reach it. A shared group (every service in one `app` group) or a rule added by
 * hand lets a workload into a store it never asked for: seed 002's web tier into PostgreSQL.
 */
import { PlatformRule, rule, StackCheckContext } from "../lib/rule";
import { StackResource, StackView } from "../lib/stack-view";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { list } from "../lib/values";

/**
 * The tags a workload's declaration is recorded under, on the ECS service or Lambda function that
 * runs it: space-separated store roles (`database cache`) and service names. The pack imports
 * nothing of the program, so these repeat model/security/reach.ts's reachTagKeys (a test holds
 * the two equal).
 */
export const reachTagKeys = { stores: "ReachesStores", services: "ReachesServices" } as const;

type Store = "database" | "cache";

/** Resources that hold a data store, with the property that names its groups. */
const stores: readonly { type: string; store: Store; property: string }[] = [
  { type: T.rdsInstance, store: "database", property: "vpcSecurityGroupIds" },
  { type: T.rdsCluster, store: "database", property: "vpcSecurityGroupIds" },
  { type: T.cacheReplicationGroup, store: "cache", property: "securityGroupIds" },
  { type: T.cacheCluster, store: "cache", property: "securityGroupIds" },
  { type: T.cacheServerless, store: "cache", property: "securityGroupIds" },
];

/** A workload as its tags declare it. */
interface Workload {
  readonly resource: StackResource;
  readonly label: string;
  /** The ECS service's name, which other workloads declare; none for a function. */
  readonly serviceName?: string;
  readonly stores: ReadonlySet<string>;
  readonly services: ReadonlySet<string>;
}

/** One group-to-group ingress: `source` may connect to `target`, granted by `rule`. */
interface Edge {
  readonly rule: StackResource;
  readonly target: StackResource;
  readonly source: StackResource;
}

export const workloadReachDeclared = rule({
  name: "workload-reach-declared",
  description: "A data store's or a service's security group admits only the ECS services and Lambda functions that declare they reach it.",
  theme: "network",
  scope: "mandatory",
  fix: "Give each workload its own group and declare what it reaches (platform:compute.services[].reaches, platform:jobs.functions[].reaches); the program tags the service or function with the declaration.",
  checkStack(stack, c) {
    const storesOf = groupRoles(stack, c);
    const workloadsOf = workloadGroups(stack, c);
    for (const { rule: grant, target, source } of edges(stack, c)) {
      if (target === source) continue;
      for (const workload of workloadsOf.get(source) ?? []) {
        for (const store of storesOf.stores.get(target) ?? []) {
          if (workload.stores.has(store)) continue;
          c.report(`${grant.name} lets ${workload.label} (group ${source.name}) into the ${store} (group ${target.name}), which it does not declare (${declared(workload.stores, reachTagKeys.stores)})`, grant.urn);
        }
        for (const service of storesOf.services.get(target) ?? []) {
          if (service === workload.serviceName || workload.services.has(service)) continue;
          c.report(`${grant.name} lets ${workload.label} (group ${source.name}) into ECS service ${service} (group ${target.name}), which it does not declare (${declared(workload.services, reachTagKeys.services)})`, grant.urn);
        }
      }
    }
  },
});

function declared(names: ReadonlySet<string>, key: string): string {
  return names.size === 0 ? `its ${key} tag names none` : `its ${key} tag names ${[...names].sort().join(", ")}`;
}

/** What each group guards: the stores it is attached to, and the ECS services that run in it. */
function groupRoles(stack: StackView, c: StackCheckContext<object>): { stores: Map<StackResource, Set<Store>>; services: Map<StackResource, Set<string>> } {
  const byGroup = { stores: new Map<StackResource, Set<Store>>(), services: new Map<StackResource, Set<string>>() };
  for (const { type, store, property } of stores) {
    for (const resource of stack.ofType(type)) {
      for (const group of groupsOf(stack, c, resource, property, property)) add(byGroup.stores, group, store);
    }
  }
  for (const service of stack.ofType(T.ecsService)) {
    const name = service.props.name;
    if (typeof name !== "string" || isUnknown(name)) continue;
    for (const group of groupsOf(stack, c, service, "networkConfiguration", "networkConfiguration.securityGroups")) add(byGroup.services, group, name);
  }
  return byGroup;
}

/** The workloads (ECS services, Lambda functions in a VPC) attached to each group, with their declarations. */
function workloadGroups(stack: StackView, c: StackCheckContext<object>): Map<StackResource, Workload[]> {
  const byGroup = new Map<StackResource, Workload[]>();
  const attach = (resource: StackResource, label: string, groups: StackResource[], serviceName?: string) => {
    const tags = resource.props.tags;
    if (c.unknown(tags, `${resource.name}.tags`)) return;
    const value = (key: string) => (tags as Record<string, unknown> | undefined)?.[key];
    const stores = value(reachTagKeys.stores);
    const services = value(reachTagKeys.services);
    if (c.unknown(stores, `${resource.name}.tags.${reachTagKeys.stores}`) || c.unknown(services, `${resource.name}.tags.${reachTagKeys.services}`)) return;
    const workload: Workload = { resource, label, serviceName, stores: names(stores), services: names(services) };
    for (const group of groups) byGroup.set(group, [...(byGroup.get(group) ?? []), workload]);
  };
  for (const service of stack.ofType(T.ecsService)) {
    const name = typeof service.props.name === "string" && !isUnknown(service.props.name) ? service.props.name : undefined;
    attach(service, `ECS service ${name ?? service.name}`, groupsOf(stack, c, service, "networkConfiguration", "networkConfiguration.securityGroups"), name);
  }
  for (const fn of stack.ofType(T.lambdaFunction)) {
    attach(fn, `Lambda function ${typeof fn.props.name === "string" && !isUnknown(fn.props.name) ? fn.props.name : fn.name}`, groupsOf(stack, c, fn, "vpcConfig", "vpcConfig.securityGroupIds"));
  }
  return byGroup;
}

/** Every group-to-group ingress of the stack, in each rule shape. */
function edges(stack: StackView, c: StackCheckContext<object>): Edge[] {
  const found: Edge[] = [];
  const linked = (from: StackResource, property: string) => groupsOf(stack, c, from, property, property);
  for (const grant of stack.ofType(T.ingressRule)) {
    for (const target of linked(grant, "securityGroupId")) for (const source of linked(grant, "referencedSecurityGroupId")) found.push({ rule: grant, target, source });
  }
  for (const grant of stack.ofType(T.securityGroupRule)) {
    if (grant.props.type !== "ingress") continue;
    for (const target of linked(grant, "securityGroupId")) for (const source of linked(grant, "sourceSecurityGroupId")) found.push({ rule: grant, target, source });
  }
  for (const group of stack.ofType(T.securityGroup)) {
    const inline = list<{ securityGroups?: unknown } | undefined>(group.props.ingress);
    if (isUnknown(group.props.ingress) || inline.some((i) => isUnknown(i?.securityGroups) || list(i?.securityGroups).some(isUnknown))) {
      c.undecided(`${group.name}: its inline ingress`);
      continue;
    }
    const ids = new Set(inline.flatMap((i) => list<string>(i?.securityGroups)));
    for (const source of stack.ofType(T.securityGroup).filter((g) => ids.has(String(g.props.id)))) found.push({ rule: group, target: group, source });
  }
  return found;
}

/** The groups `from` names through `property` (a nested `path` where the ids sit deeper); unknown links are recorded. */
function groupsOf(stack: StackView, c: StackCheckContext<object>, from: StackResource, property: string, path: string): StackResource[] {
  const link = stack.link(from, property, [T.securityGroup], path);
  if (!link.known) {
    c.undecided(`${from.name}: its security groups (${path})`);
    return [];
  }
  return [...link.targets];
}

function names(value: unknown): Set<string> {
  return new Set(typeof value === "string" ? value.split(/\s+/).filter(Boolean) : []);
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  map.set(key, new Set([...(map.get(key) ?? []), value]));
}

export const workloadReachRules: readonly PlatformRule[] = [workloadReachDeclared];
