/**
 * Write actions the platform may grant on `Resource: "*"` because AWS defines no resource type
 * for them (the catalog marks them wildcard-only; a test checks that for every entry). Keep it
 * short: an entry needs a workload that calls the action and the reason it cannot be scoped.
 */
export const wildcardOnlyActions: Readonly<Record<string, string>> = {
  "ssmmessages:CreateControlChannel": "the bastion's SSM agent opens Session Manager's control channel (components/security/bastion.ts); no resource type",
  "ssmmessages:CreateDataChannel": "the bastion's SSM agent opens Session Manager's data channel; no resource type",
  "ssmmessages:OpenControlChannel": "the bastion's Session Manager sessions; no resource type",
  "ssmmessages:OpenDataChannel": "the bastion's Session Manager sessions; no resource type",
  "elasticloadbalancing:SetWebAcl": "the AWS Load Balancer Controller's published policy: it attaches web ACLs to the ALBs it creates; no resource type",
  "shield:CreateProtection": "the AWS Load Balancer Controller's published policy: Shield Advanced on annotated ALBs; no resource type",
  "xray:PutTraceSegments": "the X-Ray daemon beside a traced ECS service uploads its segments (components/compute/ecs/tracing.ts); no resource type",
  "xray:PutTelemetryRecords": "the X-Ray daemon beside a traced ECS service reports its own telemetry; no resource type",
};

/** Lower-cased, as IAM compares action names case-insensitively. */
export const wildcardOnlyAllowList: ReadonlySet<string> = new Set(Object.keys(wildcardOnlyActions).map((a) => a.toLowerCase()));
