import type { CacheEngine, Deployment, PriceTable, RdsEngine } from "../prices";

/**
 * One figure of a price table and the Price List query that reads it: the service code and the
 * product attributes (TERM_MATCH filters) that name exactly one product of the region.
 * Attribute names and values are the Price List's own (AWS Billing User Guide, "Offer file
 * definitions"; https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/reading-an-offer.html).
 */
export interface RefreshSpec {
  /** Keys to the entry in the table. */
  readonly path: readonly string[];
  readonly serviceCode: string;
  readonly filters: Readonly<Record<string, string>>;
  /** The table's unit over the Price List's (per request -> per million requests: 1e6). */
  readonly scale?: number;
}

/**
 * The usage-type prefix AWS bills a region under (`APN2-NatGateway-Hours`); usage-typed products
 * are named by it. Regions without one here get only the instance-typed figures.
 */
export const usageTypePrefix: Readonly<Record<string, string>> = { "ap-northeast-2": "APN2", "ap-northeast-1": "APN1" };

const rdsEngine: Readonly<Record<RdsEngine, string>> = { postgres: "PostgreSQL", mysql: "MySQL" };
const cacheEngine: Readonly<Record<CacheEngine, string>> = { redis: "Redis", valkey: "Valkey", memcached: "Memcached" };

/**
 * What `prices refresh` reads for a region: every instance class the table lists (EC2, RDS,
 * ElastiCache) and the usage-typed rates the estimate leans on most (Fargate, Lambda, NAT, S3
 * Standard, CloudWatch Logs, EKS). Entries not named here (Aurora, ELB, data transfer, WAF, Route 53
 * and the rest) keep their hand-checked figures and sources.
 */
export function refreshSpecs(table: PriceTable): RefreshSpec[] {
  const specs: RefreshSpec[] = [];
  for (const instanceType of Object.keys(table.ec2.instanceHour)) {
    specs.push({
      path: ["ec2", "instanceHour", instanceType],
      serviceCode: "AmazonEC2",
      filters: { instanceType, operatingSystem: "Linux", tenancy: "Shared", preInstalledSw: "NA", capacitystatus: "Used", licenseModel: "No License required" },
    });
  }
  for (const engine of Object.keys(table.rds.instanceHour) as RdsEngine[]) {
    for (const deployment of Object.keys(table.rds.instanceHour[engine]) as Deployment[]) {
      for (const instanceType of Object.keys(table.rds.instanceHour[engine][deployment])) {
        specs.push({
          path: ["rds", "instanceHour", engine, deployment, instanceType],
          serviceCode: "AmazonRDS",
          filters: { instanceType, databaseEngine: rdsEngine[engine], deploymentOption: deployment },
        });
      }
    }
  }
  for (const engine of Object.keys(table.elasticache.nodeHour) as CacheEngine[]) {
    for (const instanceType of Object.keys(table.elasticache.nodeHour[engine])) {
      specs.push({ path: ["elasticache", "nodeHour", engine, instanceType], serviceCode: "AmazonElastiCache", filters: { instanceType, cacheEngine: cacheEngine[engine] } });
    }
  }
  const prefix = usageTypePrefix[table.region];
  if (!prefix) return specs;
  const usage = (path: string[], serviceCode: string, usagetype: string, scale?: number): RefreshSpec => ({
    path,
    serviceCode,
    filters: { usagetype: `${prefix}-${usagetype}` },
    ...(scale ? { scale } : {}),
  });
  specs.push(
    usage(["fargate", "x86", "vcpuHour"], "AmazonECS", "Fargate-vCPU-Hours:perCPU"),
    usage(["fargate", "x86", "gbHour"], "AmazonECS", "Fargate-GB-Hours"),
    usage(["fargate", "arm64", "vcpuHour"], "AmazonECS", "Fargate-ARM-vCPU-Hours:perCPU"),
    usage(["fargate", "arm64", "gbHour"], "AmazonECS", "Fargate-ARM-GB-Hours"),
    usage(["lambda", "requestsMillion"], "AWSLambda", "Request", 1e6),
    usage(["lambda", "x86GbSecond"], "AWSLambda", "Lambda-GB-Second"),
    usage(["lambda", "arm64GbSecond"], "AWSLambda", "Lambda-GB-Second-ARM"),
    usage(["natGateway", "hour"], "AmazonEC2", "NatGateway-Hours"),
    usage(["natGateway", "processedGb"], "AmazonEC2", "NatGateway-Bytes"),
    usage(["s3", "standardGbMonth"], "AmazonS3", "TimedStorage-ByteHrs"),
    usage(["cloudwatch", "logsIngestedGb"], "AmazonCloudWatch", "DataProcessing-Bytes"),
    usage(["cloudwatch", "logsStoredGbMonth"], "AmazonCloudWatch", "TimedStorage-ByteHrs"),
    usage(["eks", "clusterHour"], "AmazonEKS", "AmazonEKS-Hours:perCluster"),
  );
  return specs;
}
