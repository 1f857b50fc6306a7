import { ACMClient, ListCertificatesCommand } from "@aws-sdk/client-acm";
import { BackupClient, ListRecoveryPointsByBackupVaultCommand } from "@aws-sdk/client-backup";
import { CloudWatchClient, GetMetricDataCommand, MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { DescribeImagesCommand, ECRClient } from "@aws-sdk/client-ecr";
import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { GetHealthCheckStatusCommand, ListHostedZonesByNameCommand, ListResourceRecordSetsCommand, Route53Client } from "@aws-sdk/client-route-53";
import { GetBucketReplicationCommand, ReplicationRule, S3Client } from "@aws-sdk/client-s3";
import { DescribeSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetServiceQuotaCommand, ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { fargateQuotaCodes } from "../../model/dr/readiness-spec";
import type { ReadinessCloud } from "./cloud";
import type { StoreLocator } from "./spec";

/** SDK clients by region, created on first use. */
export interface ReadinessClients {
  readonly cloudwatch: (region: string) => CloudWatchClient;
  readonly acm: (region: string) => ACMClient;
  readonly backup: (region: string) => BackupClient;
  readonly ecs: (region: string) => ECSClient;
  readonly ecr: (region: string) => ECRClient;
  readonly secrets: (region: string) => SecretsManagerClient;
  readonly quotas: (region: string) => ServiceQuotasClient;
  /** S3: the replicas' reverse replication rules. */
  readonly s3: (region: string) => S3Client;
  /** Route 53's control plane is in us-east-1. */
  readonly route53: () => Route53Client;
}

/** Clients on the default credential chain. */
export function defaultReadinessClients(): ReadinessClients {
  const cache = new Map<string, unknown>();
  const get = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  return {
    cloudwatch: (region) => get(`cw:${region}`, () => new CloudWatchClient({ region })),
    acm: (region) => get(`acm:${region}`, () => new ACMClient({ region })),
    backup: (region) => get(`backup:${region}`, () => new BackupClient({ region })),
    ecs: (region) => get(`ecs:${region}`, () => new ECSClient({ region })),
    ecr: (region) => get(`ecr:${region}`, () => new ECRClient({ region })),
    secrets: (region) => get(`sm:${region}`, () => new SecretsManagerClient({ region })),
    quotas: (region) => get(`sq:${region}`, () => new ServiceQuotasClient({ region })),
    s3: (region) => get(`s3:${region}`, () => new S3Client({ region })),
    route53: () => get("route53", () => new Route53Client({ region: "us-east-1" })),
  };
}

export { fargateQuotaCodes } from "../../model/dr/readiness-spec";

/** A window wide enough for a 1-minute metric to have reported at least once. */
const lookbackMs = 10 * 60_000;

/**
 * The AWS side of `readiness`, for one standby: reads in its region (and S3's replication
 * metrics in the primary's, where S3 reports them). Every call is a read.
 */
export class AwsReadinessCloud implements ReadinessCloud {
  constructor(
    private readonly clients: ReadinessClients,
    private readonly regions: { readonly standby: string; readonly primary: string },
  ) {}

  async storeLagSeconds(locator: StoreLocator, now: Date): Promise<number | undefined> {
    switch (locator.kind) {
      case "rds-replica":
        // RDS ReplicaLag, seconds, on the replica (RDS User Guide, "Monitoring read replication").
        return this.latest(this.regions.standby, { Namespace: "AWS/RDS", MetricName: "ReplicaLag", Dimensions: [{ Name: "DBInstanceIdentifier", Value: locator.instanceIdentifier }] }, now);
      case "aurora-global": {
        // AuroraGlobalDBReplicationLag, milliseconds, on the secondary cluster (Aurora User Guide,
        // "Monitoring Aurora global databases").
        const ms = await this.latest(this.regions.standby, { Namespace: "AWS/RDS", MetricName: "AuroraGlobalDBReplicationLag", Dimensions: [{ Name: "DBClusterIdentifier", Value: locator.clusterIdentifier }] }, now);
        return ms === undefined ? undefined : ms / 1000;
      }
      case "s3-replication-rtc":
        // ReplicationLatency, seconds, per rule; S3 reports replication metrics in the source bucket's
        // region (S3 User Guide, "Monitoring progress with replication metrics").
        return this.latest(
          this.regions.primary,
          {
            Namespace: "AWS/S3",
            MetricName: "ReplicationLatency",
            Dimensions: [
              { Name: "SourceBucket", Value: locator.sourceBucket },
              { Name: "DestinationBucket", Value: locator.destinationBucket },
              { Name: "RuleId", Value: locator.ruleId },
            ],
          },
          now,
        );
      case "backup-copy": {
        // The newest copy of the resource in the standby's vault: what a restore now would start from.
        const points = await this.clients.backup(this.regions.standby).send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: locator.vaultName, ByResourceArn: locator.resourceArn }));
        const created = (points.RecoveryPoints ?? [])
          .filter((p) => p.Status === "COMPLETED" && p.CreationDate)
          .map((p) => (p.CreationDate as Date).getTime());
        return created.length === 0 ? undefined : (now.getTime() - Math.max(...created)) / 1000;
      }
    }
  }

  async replicationRule(bucket: string, ruleId: string): Promise<{ status: "Enabled" | "Disabled" | "missing"; destinationBucket?: string }> {
    let rules: ReplicationRule[];
    try {
      rules = (await this.clients.s3(this.regions.standby).send(new GetBucketReplicationCommand({ Bucket: bucket }))).ReplicationConfiguration?.Rules ?? [];
    } catch (error) {
      // A bucket without a replication configuration (S3 API Reference, GetBucketReplication).
      if (isNamed(error, "ReplicationConfigurationNotFoundError")) return { status: "missing" };
      throw error;
    }
    const rule = rules.find((r) => r.ID === ruleId);
    if (!rule) return { status: "missing" };
    // The destination is a bucket ARN, arn:aws:s3:::<name>.
    return { status: rule.Status === "Enabled" ? "Enabled" : "Disabled", destinationBucket: rule.Destination?.Bucket?.split(":::")[1] };
  }

  async activeServices(cluster: string, names: readonly string[]): Promise<string[]> {
    const result = await this.clients.ecs(this.regions.standby).send(new DescribeServicesCommand({ cluster, services: [...names] }));
    return (result.services ?? []).filter((s) => s.status === "ACTIVE" && s.serviceName).map((s) => s.serviceName as string);
  }

  async imagePresent(repository: string, tag: string): Promise<boolean> {
    try {
      const result = await this.clients.ecr(this.regions.standby).send(new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] }));
      return (result.imageDetails ?? []).length > 0;
    } catch (error) {
      if (isNamed(error, "ImageNotFoundException", "RepositoryNotFoundException")) return false;
      throw error;
    }
  }

  async secretState(name: string): Promise<"present" | "no-value" | "missing"> {
    try {
      const secret = await this.clients.secrets(this.regions.standby).send(new DescribeSecretCommand({ SecretId: name }));
      if (secret.DeletedDate) return "missing";
      // A secret created without a value has no version staged AWSCURRENT (Secrets Manager, DescribeSecret).
      const current = Object.values(secret.VersionIdsToStages ?? {}).some((stages) => stages.includes("AWSCURRENT"));
      return current ? "present" : "no-value";
    } catch (error) {
      if (isNamed(error, "ResourceNotFoundException")) return "missing";
      throw error;
    }
  }

  async certificateIssued(domainName: string): Promise<boolean> {
    const client = this.clients.acm(this.regions.standby);
    let token: string | undefined;
    do {
      // ISSUED only: a certificate pending validation serves nothing (ACM ListCertificates, CertificateStatuses).
      const page = await client.send(new ListCertificatesCommand({ CertificateStatuses: ["ISSUED"], NextToken: token }));
      const covers = (page.CertificateSummaryList ?? []).some((c) => c.DomainName === domainName || (c.SubjectAlternativeNameSummaries ?? []).includes(domainName));
      if (covers) return true;
      token = page.NextToken;
    } while (token);
    return false;
  }

  async fargateVcpuQuotas(): Promise<{ onDemand: number; spot: number }> {
    const client = this.clients.quotas(this.regions.standby);
    const value = async (code: string) => (await client.send(new GetServiceQuotaCommand({ ServiceCode: "fargate", QuotaCode: code }))).Quota?.Value ?? 0;
    return { onDemand: await value(fargateQuotaCodes.onDemand), spot: await value(fargateQuotaCodes.spot) };
  }

  async fargateVcpuInUse(): Promise<{ onDemand: number; spot: number }> {
    // Account-wide usage, as the quota counts it: AWS/Usage ResourceCount for Fargate vCPU
    // (Fargate User Guide, "Fargate usage metrics"). No datapoint: nothing runs.
    const usage = (klass: string) =>
      this.latest(
        this.regions.standby,
        {
          Namespace: "AWS/Usage",
          MetricName: "ResourceCount",
          Dimensions: [
            { Name: "Service", Value: "Fargate" },
            { Name: "Type", Value: "Resource" },
            { Name: "Resource", Value: "vCPU" },
            { Name: "Class", Value: klass },
          ],
        },
        new Date(),
      );
    return { onDemand: (await usage("Standard/OnDemand")) ?? 0, spot: (await usage("Standard/Spot")) ?? 0 };
  }

  async failoverRecords(zoneName: string, recordName: string): Promise<{ roles: string[]; healthCheckId?: string; healthCheckHealthy?: boolean }> {
    const route53 = this.clients.route53();
    const fqdn = (name: string) => (name.endsWith(".") ? name : `${name}.`);
    const zones = await route53.send(new ListHostedZonesByNameCommand({ DNSName: zoneName, MaxItems: 1 }));
    const zone = (zones.HostedZones ?? []).find((z) => z.Name === fqdn(zoneName) && !z.Config?.PrivateZone);
    if (!zone?.Id) return { roles: [] };
    const records = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone.Id, StartRecordName: recordName, StartRecordType: "A", MaxItems: 10 }));
    const failover = (records.ResourceRecordSets ?? []).filter((r) => r.Name === fqdn(recordName) && r.Type === "A" && r.Failover);
    const primary = failover.find((r) => r.Failover === "PRIMARY");
    const roles = failover.map((r) => r.Failover as string);
    if (!primary?.HealthCheckId) return { roles };
    const status = await route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: primary.HealthCheckId }));
    const reports = (status.HealthCheckObservations ?? []).map((o) => o.StatusReport?.Status ?? "");
    // Route 53 considers an endpoint healthy when more than 18 % of its checkers report it so (Route 53 Developer Guide, "How Route 53 determines whether a health check is healthy").
    const healthy = reports.length === 0 ? undefined : reports.filter((s) => s.startsWith("Success")).length / reports.length > 0.18;
    return { roles, healthCheckId: primary.HealthCheckId, healthCheckHealthy: healthy };
  }

  /** The newest Maximum of a 1-minute metric in the last 10 minutes; undefined without a datapoint. */
  private async latest(region: string, metric: NonNullable<NonNullable<MetricDataQuery["MetricStat"]>["Metric"]>, now: Date): Promise<number | undefined> {
    const result = await this.clients.cloudwatch(region).send(
      new GetMetricDataCommand({
        StartTime: new Date(now.getTime() - lookbackMs),
        EndTime: now,
        ScanBy: "TimestampDescending",
        MetricDataQueries: [{ Id: "m", MetricStat: { Metric: metric, Period: 60, Stat: "Maximum" }, ReturnData: true }],
      }),
    );
    const values = result.MetricDataResults?.[0]?.Values ?? [];
    return values.length === 0 ? undefined : values[0];
  }
}

function isNamed(error: unknown, ...names: string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}
