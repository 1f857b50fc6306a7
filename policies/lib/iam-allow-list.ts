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

/**
 * Write actions AWS does scope to a resource type, used on something that is no resource of that
 * type, so `Resource: "*"` is the only grant that works. Each entry names the use; a test checks
 * that a workload grants it and that the catalog indeed scopes the action (else it belongs above).
 */
export const resourcelessUseActions: Readonly<Record<string, string>> = {
  "sns:Publish":
    "a job's SMS straight to a phone number (components/jobs/permissions.ts smsStatements): Publish's only resource type is the topic (Service Authorization Reference, Amazon SNS), a phone number is none, so a direct Publish is authorized on '*'; the account's SMS spend limit (platform:sms.preferences) bounds what it can cost",
};

/** Lower-cased, as IAM compares action names case-insensitively. */
export const wildcardOnlyAllowList: ReadonlySet<string> = new Set([...Object.keys(wildcardOnlyActions), ...Object.keys(resourcelessUseActions)].map((a) => a.toLowerCase()));
