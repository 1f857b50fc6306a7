import { fargateQuotaCodes, ReadinessSpec } from "../../model/dr/readiness-spec";

/** One statement of the check's role, with plain values (built once the spec is known). */
export interface PlainStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
}

/** What the statements scope to besides the spec: the account and the failover's Route 53 ids. */
export interface ReadinessPolicyScope {
  readonly accountId: string;
  readonly hostedZoneId?: string;
  readonly healthCheckId?: string;
}

/**
 * The scheduled readiness check's permissions, action by action: the reads `npm run readiness`
 * makes (automation/readiness/aws.ts), each on the resources the spec names. Pure, so the least
 * privilege is tested without rendering. Access levels and resource types are the Service
 * Authorization Reference's ("Actions, resources, and condition keys for <service>"):
 *
 * - cloudwatch:GetMetricData (Read): metric reads name no resource (the `dataset` type is for
 *   CloudWatch datasets, not metrics), so `*`; it reads the lag metrics in both regions;
 * - acm:ListCertificates (List) and route53:ListHostedZonesByName (List): no resource type, `*`
 *   only. Reads all three: policies/lib/iam-allow-list.ts is for actions that change something;
 * - backup:ListRecoveryPointsByBackupVault on the copies' vault, ecs:DescribeServices on the
 *   services, ecr:DescribeImages on the repositories, secretsmanager:DescribeSecret on the secrets
 *   (metadata only, never the value), servicequotas:GetServiceQuota on Fargate's two vCPU quotas,
 *   route53:ListResourceRecordSets on the zone and route53:GetHealthCheckStatus on the health check;
 * - s3:GetReplicationConfiguration (Read) on the replica buckets that replicate back (GetBucketReplication).
 */
export function readinessStatements(spec: ReadinessSpec, scope: ReadinessPolicyScope): PlainStatement[] {
  const { region } = spec;
  const account = scope.accountId;
  const statements: PlainStatement[] = [{ Sid: "ReadLagMetrics", Effect: "Allow", Action: ["cloudwatch:GetMetricData"], Resource: "*" }];
  const vaults = [...new Set(spec.stores.flatMap((s) => (s.locator.kind === "backup-copy" ? [s.locator.vaultName] : [])))];
  if (vaults.length > 0) {
    statements.push({ Sid: "ListCopies", Effect: "Allow", Action: ["backup:ListRecoveryPointsByBackupVault"], Resource: vaults.map((v) => `arn:aws:backup:${region}:${account}:backup-vault:${v}`) });
  }
  const reversed = spec.stores.flatMap((s) => (s.locator.kind === "s3-replication-rtc" && s.locator.reverseRuleId ? [s.locator.destinationBucket] : []));
  if (reversed.length > 0) {
    // GetBucketReplication needs s3:GetReplicationConfiguration on the bucket (S3 API Reference).
    statements.push({ Sid: "ReadReverseReplication", Effect: "Allow", Action: ["s3:GetReplicationConfiguration"], Resource: reversed.map((b) => `arn:aws:s3:::${b}`) });
  }
  if (spec.services && spec.services.items.length > 0) {
    const { cluster, items } = spec.services;
    statements.push({ Sid: "DescribeServices", Effect: "Allow", Action: ["ecs:DescribeServices"], Resource: items.map((i) => `arn:aws:ecs:${region}:${account}:service/${cluster}/${i.name}`) });
    statements.push({
      Sid: "ReadFargateQuotas",
      Effect: "Allow",
      Action: ["servicequotas:GetServiceQuota"],
      Resource: Object.values(fargateQuotaCodes).map((code) => `arn:aws:servicequotas:${region}:${account}:fargate/${code}`),
    });
  }
  const repositories = [...new Set(spec.images.map((i) => i.repository))];
  if (repositories.length > 0) {
    statements.push({ Sid: "DescribeImages", Effect: "Allow", Action: ["ecr:DescribeImages"], Resource: repositories.map((r) => `arn:aws:ecr:${region}:${account}:repository/${r}`) });
  }
  if (spec.secrets.length > 0) {
    // Secrets Manager appends six random characters to a secret's ARN.
    statements.push({ Sid: "DescribeSecrets", Effect: "Allow", Action: ["secretsmanager:DescribeSecret"], Resource: spec.secrets.map((name) => `arn:aws:secretsmanager:${region}:${account}:secret:${name}-??????`) });
  }
  if (spec.certificates.length > 0) statements.push({ Sid: "ListCertificates", Effect: "Allow", Action: ["acm:ListCertificates"], Resource: "*" });
  if (spec.failover) {
    statements.push({ Sid: "FindZone", Effect: "Allow", Action: ["route53:ListHostedZonesByName"], Resource: "*" });
    if (scope.hostedZoneId) statements.push({ Sid: "ReadFailoverRecords", Effect: "Allow", Action: ["route53:ListResourceRecordSets"], Resource: `arn:aws:route53:::hostedzone/${scope.hostedZoneId}` });
    if (scope.healthCheckId) statements.push({ Sid: "ReadHealthCheck", Effect: "Allow", Action: ["route53:GetHealthCheckStatus"], Resource: `arn:aws:route53:::healthcheck/${scope.healthCheckId}` });
  }
  return statements;
}
