// A fake AWS for the readiness checks (aws-sdk-client-mock), shared by the command's tests and the scheduled check's.
import { ACMClient, ListCertificatesCommand } from "@aws-sdk/client-acm";
import { BackupClient, ListRecoveryPointsByBackupVaultCommand } from "@aws-sdk/client-backup";
import { CloudWatchClient, GetMetricDataCommand, GetMetricDataCommandInput } from "@aws-sdk/client-cloudwatch";
import { DescribeImagesCommand, ECRClient } from "@aws-sdk/client-ecr";
import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { GetHealthCheckStatusCommand, ListHostedZonesByNameCommand, ListResourceRecordSetsCommand, Route53Client } from "@aws-sdk/client-route-53";
import { GetBucketReplicationCommand, S3Client } from "@aws-sdk/client-s3";
import { DescribeSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetServiceQuotaCommand, ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { mockClient } from "aws-sdk-client-mock";
import type { ReadinessClients } from "../../automation/readiness/aws";

export const now = new Date("2026-12-05T08:00:00Z");
export const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

/**
 * A fake AWS for one standby, all healthy unless a test changes it: metrics by name (a missing
 * name has no datapoint), images, secrets, quotas, the failover records and their health check.
 */
export function fakeAws() {
  const state = {
    metrics: { ReplicaLag: 2, AuroraGlobalDBReplicationLag: 800, ReplicationLatency: 40 } as Record<string, number | undefined>,
    /** Fargate vCPU in use by class (AWS/Usage ResourceCount). */
    usage: { "Standard/OnDemand": 0, "Standard/Spot": 0 } as Record<string, number>,
    quotas: { "L-3032A538": 100, "L-36FBB829": 100 } as Record<string, number>,
    missingImages: [] as string[],
    /** Names without an issued certificate in the standby region. */
    missingCertificates: [] as string[],
    secrets: {} as Record<string, "present" | "no-value" | "missing">,
    inactiveServices: [] as string[],
    roles: ["PRIMARY", "SECONDARY"],
    healthReports: ["Success: HTTP Status Code 200, OK", "Success: HTTP Status Code 200, OK"],
    copies: [{ created: minutesAgo(180) }] as { created: Date }[],
    metricQueries: [] as { region: string; input: GetMetricDataCommandInput }[],
    /** Each replica's reverse rule ("failback") as S3 returns it, into the bucket named by `into` (default: the primary's). */
    reverseRule: "Enabled" as "Enabled" | "Disabled" | "missing",
    reverseInto: undefined as string | undefined,
    /** Buckets asked for their replication configuration, with the region asked. */
    replicationReads: [] as string[],
  };
  const regionOf = async (client: { config: { region: () => Promise<string> } }) => client.config.region();
  const clients: ReadinessClients = {
    cloudwatch: (region) => {
      const client = new CloudWatchClient({ region, credentials: { accessKeyId: "x", secretAccessKey: "x" } });
      mockClient(client).on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
        state.metricQueries.push({ region, input });
        const stat = input.MetricDataQueries?.[0]?.MetricStat?.Metric;
        const name = stat?.MetricName ?? "";
        const value = name === "ResourceCount" ? state.usage[stat?.Dimensions?.find((d) => d.Name === "Class")?.Value ?? ""] : state.metrics[name];
        return { MetricDataResults: [{ Id: "m", Values: value === undefined ? [] : [value], Timestamps: value === undefined ? [] : [minutesAgo(1)] }] };
      });
      return client;
    },
    acm: (region) => {
      const client = new ACMClient({ region });
      // Two pages, as ListCertificates pages: the names are found on the second.
      mockClient(client)
        .on(ListCertificatesCommand, { NextToken: undefined })
        .callsFake(() => ({ CertificateSummaryList: [{ DomainName: "unrelated.example.com" }], NextToken: "page-2" }))
        .on(ListCertificatesCommand, { NextToken: "page-2" })
        .callsFake(() => ({
          CertificateSummaryList: ["platform-dr.example.com", "api.platform.example.com", "api-tokyo.hooklabs.example.com", "origin-failover.api.hooklabs.example.com"]
            .filter((name) => !state.missingCertificates.includes(name))
            .map((name) => ({ DomainName: name, SubjectAlternativeNameSummaries: [name] })),
        }));
      return client;
    },
    backup: (region) => {
      const client = new BackupClient({ region });
      mockClient(client).on(ListRecoveryPointsByBackupVaultCommand).callsFake(() => ({ RecoveryPoints: state.copies.map((c) => ({ Status: "COMPLETED", CreationDate: c.created })) }));
      return client;
    },
    ecs: (region) => {
      const client = new ECSClient({ region });
      mockClient(client).on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({
        services: input.services.map((name) => ({ serviceName: name, status: state.inactiveServices.includes(name) ? "DRAINING" : "ACTIVE" })),
      }));
      return client;
    },
    ecr: (region) => {
      const client = new ECRClient({ region });
      mockClient(client).on(DescribeImagesCommand).callsFake((input: { repositoryName: string }) => {
        if (state.missingImages.includes(input.repositoryName)) throw Object.assign(new Error("image not found"), { name: "ImageNotFoundException" });
        return { imageDetails: [{ imageTags: ["1.0.0"] }] };
      });
      return client;
    },
    secrets: (region) => {
      const client = new SecretsManagerClient({ region });
      mockClient(client).on(DescribeSecretCommand).callsFake((input: { SecretId: string }) => {
        const s = state.secrets[input.SecretId] ?? "present";
        if (s === "missing") throw Object.assign(new Error("not found"), { name: "ResourceNotFoundException" });
        return { Name: input.SecretId, VersionIdsToStages: s === "present" ? { v1: ["AWSCURRENT"] } : {} };
      });
      return client;
    },
    quotas: (region) => {
      const client = new ServiceQuotasClient({ region });
      mockClient(client).on(GetServiceQuotaCommand).callsFake((input: { QuotaCode: string }) => ({ Quota: { QuotaCode: input.QuotaCode, Value: state.quotas[input.QuotaCode] } }));
      return client;
    },
    s3: (region) => {
      const client = new S3Client({ region });
      mockClient(client).on(GetBucketReplicationCommand).callsFake((input: { Bucket: string }) => {
        state.replicationReads.push(`${input.Bucket}@${region}`);
        if (state.reverseRule === "missing") throw Object.assign(new Error("The replication configuration was not found"), { name: "ReplicationConfigurationNotFoundError" });
        // The replica replicates back into the primary's bucket: the same name in the primary's region.
        const into = state.reverseInto ?? input.Bucket.replace("-dr-", "-").replace("-ap-northeast-1", "-ap-northeast-2");
        return { ReplicationConfiguration: { Role: "arn:aws:iam::123456789012:role/r", Rules: [{ ID: "failback", Status: state.reverseRule, Destination: { Bucket: `arn:aws:s3:::${into}` } }] } };
      });
      return client;
    },
    route53: () => {
      const client = new Route53Client({ region: "us-east-1" });
      const mock = mockClient(client);
      mock.on(ListHostedZonesByNameCommand).callsFake((input: { DNSName: string }) => ({ HostedZones: [{ Id: "/hostedzone/Z1", Name: `${input.DNSName}.`, CallerReference: "x", Config: { PrivateZone: false } }] }));
      mock.on(ListResourceRecordSetsCommand).callsFake((input: { StartRecordName: string }) => ({
        ResourceRecordSets: state.roles.map((role) => ({ Name: `${input.StartRecordName}.`, Type: "A", Failover: role, SetIdentifier: role, ...(role === "PRIMARY" ? { HealthCheckId: "hc-1" } : {}) })),
      }));
      mock.on(GetHealthCheckStatusCommand).callsFake(() => ({ HealthCheckObservations: state.healthReports.map((Status) => ({ StatusReport: { Status } })) }));
      return client;
    },
  };
  void regionOf;
  return { state, clients };
}

