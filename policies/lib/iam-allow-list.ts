/**
 * Write actions the platform may grant on `Resource: "*"` because AWS defines no resource type
 * for them (the catalog marks them wildcard-only; a test checks that for every entry). Keep it
 * short: an entry needs a workload that calls the action and the reason it cannot be scoped.
 */
export const wildcardOnlyActions: Readonly<Record<string, string>> = {
  "xray:PutTraceSegments": "the X-Ray daemon / ADOT sidecar uploads trace segments; X-Ray has no resource type for it",
  "xray:PutTelemetryRecords": "the X-Ray daemon reports its own telemetry; no resource type",
  "ssmmessages:CreateControlChannel": "ECS Exec and Session Manager open the agent's control channel; no resource type",
  "ssmmessages:CreateDataChannel": "ECS Exec and Session Manager open the agent's data channel; no resource type",
  "ssmmessages:OpenControlChannel": "ECS Exec and Session Manager; no resource type",
  "ssmmessages:OpenDataChannel": "ECS Exec and Session Manager; no resource type",
  "elasticloadbalancing:SetWebAcl": "the AWS Load Balancer Controller's published policy: it attaches web ACLs to the ALBs it creates; no resource type",
  "shield:CreateProtection": "the AWS Load Balancer Controller's published policy: Shield Advanced on annotated ALBs; no resource type",
};

/** Lower-cased, as IAM compares action names case-insensitively. */
export const wildcardOnlyAllowList: ReadonlySet<string> = new Set(Object.keys(wildcardOnlyActions).map((a) => a.toLowerCase()));
