/** Logging: access logs at the edge, flow logs per VPC, control-plane logs, and no log kept forever. */
import { PlatformRule, rule } from "../lib/rule";
import { StackResource, StackView } from "../lib/stack-view";
import { loadBalancers, T } from "../lib/types";
import { containsUnknown, isUnknown } from "../lib/unknown";
import { list, parseJson, present, text } from "../lib/values";

/**
 * CloudFront logs either the legacy way (`loggingConfig.bucket`) or through CloudWatch log
 * delivery (standard logging v2): a delivery source of type ACCESS_LOGS for the distribution and
 * a delivery from that source.
 */
function cloudFrontLogs(stack: StackView, distribution: StackResource): boolean | "unknown" {
  if (present((distribution.props.loggingConfig as { bucket?: unknown } | undefined)?.bucket)) return true;
  if (containsUnknown(distribution.props.loggingConfig)) return "unknown";
  const { sources, unknown } = stack.linkedTo(distribution, [T.logDeliverySource], "resourceArn");
  const accessSources = sources.filter((s) => s.props.logType === "ACCESS_LOGS" || isUnknown(s.props.logType));
  let undecided = unknown.length > 0 || sources.some((s) => isUnknown(s.props.logType));
  for (const source of accessSources) {
    const deliveries = stack.linkedTo(source, [T.logDelivery], "deliverySourceName");
    if (deliveries.sources.length > 0) return true;
    undecided ||= deliveries.unknown.length > 0;
  }
  return undecided ? "unknown" : false;
}

export const accessLogs = rule({
  name: "access-logs",
  description: "Load balancers and CloudFront distributions write access logs.",
  theme: "logging",
  scope: "per-environment",
  fix: "Load balancers: accessLogs { bucket, enabled: true }; CloudFront: a CloudWatch log delivery (source ACCESS_LOGS + delivery) or loggingConfig { bucket }.",
  controls: { cdkNag: ["AwsSolutions-ELB2",  "AwsSolutions-CFR3"], checkov: ["CKV_AWS_86",  "CKV_AWS_91"], awsguard: ["elb-logging-enabled"] },
  types: [...loadBalancers, T.awsxAlb, T.awsxNlb],
  checkResource(r, c) {
    const logs = r.props.accessLogs as { enabled?: unknown; bucket?: unknown } | undefined;
    if (c.unknown(logs, "accessLogs")) return;
    if (logs?.enabled !== true || !present(logs?.bucket)) c.report("load balancer writes no access logs: set accessLogs { bucket, enabled: true }");
  },
  checkStack(stack, c) {
    for (const distribution of stack.ofType(T.distribution)) {
      const logged = cloudFrontLogs(stack, distribution);
      if (logged === "unknown") c.undecided(`${distribution.name}: its log delivery`);
      else if (!logged) c.report(`distribution ${distribution.name} writes no access logs`, distribution.urn);
    }
  },
});

export const vpcFlowLogs = rule({
  name: "vpc-flow-logs",
  description: "Every VPC has flow logs.",
  theme: "logging",
  scope: "per-environment",
  fix: "Enable platform:network.flowLogs (an aws.ec2.FlowLog with vpcId).",
  controls: { cdkNag: ["AwsSolutions-VPC7"], checkov: ["CKV2_AWS_11"], cis: ["3.7"] },
  checkStack(stack, c) {
    for (const vpc of stack.ofType(T.vpc)) {
      const { sources, unknown } = stack.linkedTo(vpc, [T.flowLog], "vpcId");
      if (sources.length > 0) continue;
      if (unknown.length > 0) c.undecided(`${vpc.name}: its flow logs`);
      else c.report(`VPC ${vpc.name} has no flow logs`, vpc.urn);
    }
  },
});

/** The part of an ECS container definition that says where its logs go. */
interface ContainerLogging {
  readonly logConfiguration?: { readonly logDriver?: unknown; readonly options?: Readonly<Record<string, unknown>> };
}

/** The log group a container writes to through the awslogs driver, if any. */
function awslogsGroups(definitions: unknown): string[] | undefined {
  const parsed = parseJson(definitions);
  if (!parsed.known) return undefined;
  return list<ContainerLogging | undefined>(parsed.value)
    .filter((d) => d?.logConfiguration?.logDriver === "awslogs")
    .map((d) => d?.logConfiguration?.options?.["awslogs-group"])
    .filter((g: unknown): g is string => typeof g === "string");
}

export const logRetention = rule({
  name: "log-retention",
  description: "Every log group has a retention (never 'never expire'), and functions and tasks log to groups the stack manages.",
  theme: "logging",
  scope: "per-environment",
  fix: "retentionInDays from platform:logs; create each function's /aws/lambda/<name> group (or loggingConfig.logGroup) and each task's awslogs-group in the stack.",
  controls: { checkov: ["CKV_AWS_66"] },
  types: [T.logGroup],
  checkResource(r, c) {
    const days = r.props.retentionInDays;
    if (c.unknown(days, "retentionInDays")) return;
    if (!present(days) || Number(days) === 0) c.report("log group never expires: set retentionInDays");
  },
  checkStack(stack, c) {
    const groups = stack.ofType(T.logGroup);
    const names = new Set(groups.map((g) => g.props.name).filter((n): n is string => typeof n === "string" && !isUnknown(n)));
    const namesUnknown = groups.some((g) => isUnknown(g.props.name));
    const judge = (owner: StackResource, group: unknown, what: string) => {
      if (group === undefined || isUnknown(group)) return c.undecided(`${owner.name}: ${what}`);
      if (typeof group === "string" && names.has(group)) return;
      if (namesUnknown) return c.undecided(`${owner.name}: ${what}`);
      c.report(`${owner.name} logs to ${text(group)}, which the stack does not manage: AWS creates it with no retention`, owner.urn);
    };
    for (const fn of stack.ofType(T.lambdaFunction)) {
      if (isUnknown(fn.props.loggingConfig)) {
        c.undecided(`${fn.name}: loggingConfig`);
        continue;
      }
      const configured = (fn.props.loggingConfig as { logGroup?: unknown } | undefined)?.logGroup;
      if (present(configured)) {
        const link = stack.link(fn, "loggingConfig", [T.logGroup], "loggingConfig.logGroup");
        if (link.known && link.targets.length > 0) continue;
        judge(fn, configured, "loggingConfig.logGroup");
      } else {
        judge(fn, isUnknown(fn.props.name) || !present(fn.props.name) ? undefined : `/aws/lambda/${text(fn.props.name)}`, "its /aws/lambda log group");
      }
    }
    for (const task of stack.ofType(T.ecsTaskDefinition)) {
      const used = awslogsGroups(task.props.containerDefinitions);
      if (used === undefined) c.undecided(`${task.name}: containerDefinitions`);
      else used.forEach((g) => judge(task, g, "awslogs-group"));
    }
  },
});

export const eksLogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export const eksControlPlaneLogs = rule({
  name: "eks-control-plane-logs",
  description: "EKS clusters send every control-plane log type to CloudWatch.",
  theme: "logging",
  scope: "per-environment",
  fix: `enabledClusterLogTypes: ${JSON.stringify(eksLogTypes)}.`,
  controls: { cdkNag: ["AwsSolutions-EKS2"], checkov: ["CKV_AWS_37"] },
  types: [T.eksCluster, T.eksComponentCluster],
  checkResource(r, c) {
    const types = r.props.enabledClusterLogTypes;
    if (c.unknown(types, "enabledClusterLogTypes")) return;
    const missing = eksLogTypes.filter((t) => !list(types).includes(t));
    if (missing.length > 0) c.report(`control-plane logs off for ${missing.join(", ")}`);
  },
});

export const loggingRules: readonly PlatformRule[] = [accessLogs, vpcFlowLogs, logRetention, eksControlPlaneLogs];
