import type { CapturedResource } from "../../offline";
import { input, ofType } from "./stacks";

const groupType = "aws:ec2/securityGroup:SecurityGroup";
const ingressType = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

/** Each security group's id -> its logical name without the stack's prefix (`ecs-api`, `database`). */
export function groupNames(resources: readonly CapturedResource[], prefix: string): Map<string, string> {
  return new Map(ofType(resources, groupType).map((g) => [g.id, g.name.replace(`${prefix}-`, "")]));
}

/**
 * Every group-to-group ingress rule of a render as `source -> target:port`, sorted: the
 * security-group matrix as a seed writes it ("DB accepts 5432 from the API tier only").
 */
export function reachMatrix(resources: readonly CapturedResource[], prefix: string): string[] {
  const names = groupNames(resources, prefix);
  return ofType(resources, ingressType)
    .filter((r) => input(r, "referencedSecurityGroupId") !== undefined)
    .map((r) => `${names.get(input(r, "referencedSecurityGroupId")) ?? "?"} -> ${names.get(input(r, "securityGroupId")) ?? "?"}:${input<number>(r, "fromPort")}`)
    .sort();
}

/** The sources a group admits, as `source:port`, sorted. */
export function sourcesOf(resources: readonly CapturedResource[], prefix: string, target: string): string[] {
  return reachMatrix(resources, prefix)
    .filter((line) => line.split(" -> ")[1].split(":")[0] === target)
    .map((line) => `${line.split(" -> ")[0]}:${line.split(":").pop()}`);
}
