import { globalPrices as g } from "./global";
import { hourly, price, PriceTable } from "./types";

/** The cache node types both regions list, by engine: Valkey is listed about 20 % below Redis OSS. */
const redis = { "cache.t4g.micro": 0.024, "cache.t4g.small": 0.047, "cache.t4g.medium": 0.094, "cache.t3.micro": 0.025, "cache.t3.small": 0.049, "cache.t3.medium": 0.099, "cache.m6g.large": 0.181, "cache.r6g.large": 0.246, "cache.r6g.xlarge": 0.491 };

/**
 * Asia Pacific (Seoul). On-demand list prices, USD, each with its source (`sources.ts`). Where
 * a seed's cost table quotes a different figure for the same item, the blueprint's reference note
 * says which one and why.
 */
export const apNortheast2: PriceTable = {
  region: "ap-northeast-2",
  pricingModel: "on-demand",
  fargate: {
    x86: { vcpuHour: price(0.04656, "hour", "awsPriceFargate"), gbHour: price(0.00511, "hour", "awsPriceFargate") },
    arm64: { vcpuHour: price(0.03725, "hour", "awsPriceFargate"), gbHour: price(0.00409, "hour", "awsPriceFargate") },
    spotX86: { vcpuHour: price(0.013968, "hour", "spotEstimate"), gbHour: price(0.001533, "hour", "spotEstimate") },
    spotArm64: { vcpuHour: price(0.011175, "hour", "spotEstimate"), gbHour: price(0.001227, "hour", "spotEstimate") },
  },
  ec2: {
    instanceHour: hourly("ec2shopEc2", {
      "t4g.nano": 0.0052,
      "t4g.micro": 0.0104,
      "t4g.small": 0.0208,
      "t4g.medium": 0.0416,
      "t4g.large": 0.0832,
      "t4g.xlarge": 0.1664,
      "t3.nano": 0.0065,
      "t3.micro": 0.013,
      "t3.small": 0.026,
      "t3.medium": 0.052,
      "t3.large": 0.104,
      "t3.xlarge": 0.208,
      "m5.large": 0.118,
      "m6i.large": 0.118,
      "m6g.large": 0.094,
      "m6g.xlarge": 0.188,
    }),
    spotFraction: price(0.3, "fraction", "spotEstimate"),
    ebsGbMonth: { gp3: price(0.0912, "GB-month", "ec2shopEbs"), gp2: price(0.114, "GB-month", "ec2shopEbs") },
    publicIpv4Hour: g.publicIpv4Hour,
  },
  eks: g.eks,
  rds: {
    instanceHour: {
      postgres: {
        "Single-AZ": hourly("ec2shopRdsOnDemand", {
          "db.t4g.micro": 0.025,
          "db.t4g.small": 0.051,
          "db.t4g.medium": 0.102,
          "db.t4g.large": 0.203,
          "db.t3.micro": 0.028,
          "db.t3.small": 0.056,
          "db.t3.medium": 0.112,
          "db.t3.large": 0.224,
          "db.m6g.large": 0.221,
          "db.m6g.xlarge": 0.441,
          "db.r6g.large": 0.27,
          "db.r6g.xlarge": 0.54,
          "db.r5.large": 0.3,
        }),
        "Multi-AZ": hourly("ec2shopRdsOnDemand", {
          "db.t4g.micro": 0.051,
          "db.t4g.small": 0.102,
          "db.t4g.medium": 0.203,
          "db.t4g.large": 0.406,
          "db.t3.micro": 0.056,
          "db.t3.small": 0.112,
          "db.t3.medium": 0.224,
          "db.t3.large": 0.448,
          "db.m6g.large": 0.441,
          "db.m6g.xlarge": 0.883,
          "db.r6g.large": 0.54,
          "db.r6g.xlarge": 1.079,
          "db.r5.large": 0.6,
        }),
      },
      mysql: {
        "Single-AZ": {
          ...hourly("ec2shopRdsOnDemand", {
            "db.t4g.micro": 0.025,
            "db.t4g.small": 0.051,
            "db.t4g.medium": 0.102,
            "db.t4g.large": 0.203,
            "db.t3.small": 0.052,
            "db.t3.medium": 0.104,
            "db.t3.large": 0.208,
            "db.m6g.large": 0.21,
            "db.m6g.xlarge": 0.42,
            "db.r6g.large": 0.255,
            "db.r6g.xlarge": 0.51,
          }),
          "db.t3.micro": price(0.026, "hour", "ec2shopRdsOnDemand", { checked: [{ source: "seoulBill", usd: 0.026 }], note: "the Seoul bill quotes db.t2.micro at the same rate" }),
          "db.r5.large": price(0.285, "hour", "ec2shopRdsOnDemand", { checked: [{ source: "seoulBill", usd: 0.285 }] }),
        },
        "Multi-AZ": hourly("ec2shopRdsOnDemand", {
          "db.t4g.micro": 0.051,
          "db.t4g.small": 0.102,
          "db.t4g.medium": 0.203,
          "db.t4g.large": 0.406,
          "db.t3.micro": 0.052,
          "db.t3.small": 0.104,
          "db.t3.medium": 0.208,
          "db.t3.large": 0.416,
          "db.m6g.large": 0.42,
          "db.m6g.xlarge": 0.839,
          "db.r6g.large": 0.51,
          "db.r6g.xlarge": 1.02,
          "db.r5.large": 0.57,
        }),
      },
    },
    storageGbMonth: {
      "Single-AZ": {
        gp3: price(0.131, "GB-month", "ec2shopRdsStorage", "3,000 IOPS and 125 MB/s included"),
        gp2: price(0.131, "GB-month", "ec2shopRdsStorage", { checked: [{ source: "seoulBill", usd: 0.131 }] }),
      },
      "Multi-AZ": {
        gp3: price(0.262, "GB-month", "ec2shopRdsStorage", "3,000 IOPS and 125 MB/s included"),
        gp2: price(0.276, "GB-month", "ec2shopRdsStorage", "listed above twice the Single-AZ rate"),
      },
    },
  },
  aurora: {
    instanceHour: {
      "aurora-mysql": hourly("vantageRds", { "db.t3.medium": 0.125, "db.r6g.large": 0.313, "db.r6g.xlarge": 0.627 }, { note: "the newest stored Aurora price data is of 2021-08-03" }),
      "aurora-postgresql": hourly("vantageRds", { "db.t3.medium": 0.125, "db.r6g.large": 0.313, "db.r6g.xlarge": 0.627 }, { note: "the newest stored Aurora price data is of 2021-08-03" }),
    },
    // No stored copy of the I/O-Optimized instance prices: an I/O-Optimized cluster's instances are reported as missing prices.
    ioOptimizedInstanceHour: { "aurora-mysql": {}, "aurora-postgresql": {} },
    storageGbMonth: price(0.12, "GB-month", "awsPageUnverified", "Aurora Standard; https://aws.amazon.com/rds/aurora/pricing/"),
    ioOptimizedStorageGbMonth: price(0.27, "GB-month", "awsPageUnverified", "https://aws.amazon.com/rds/aurora/pricing/"),
    ioRequestsMillion: price(0.24, "million requests", "awsPageUnverified", "Aurora Standard; https://aws.amazon.com/rds/aurora/pricing/"),
  },
  elasticache: {
    nodeHour: {
      redis: Object.fromEntries(
        Object.entries(redis).map(([type, usd]) => [type, price(usd, "hour", "ec2shopElastiCache", { checked: [{ source: "vantageCache", usd }], note: "Redis OSS" })]),
      ),
      valkey: hourly("ec2shopElastiCache", {
        "cache.t4g.micro": 0.0192,
        "cache.t4g.small": 0.0376,
        "cache.t4g.medium": 0.0752,
        "cache.t3.micro": 0.02,
        "cache.t3.small": 0.0392,
        "cache.t3.medium": 0.0792,
        "cache.m6g.large": 0.1448,
        "cache.r6g.large": 0.1968,
        "cache.r6g.xlarge": 0.3928,
      }),
      memcached: hourly("ec2shopElastiCache", redis),
    },
  },
  natGateway: { hour: price(0.059, "hour", "awsPriceNatGateway"), processedGb: price(0.059, "GB", "awsPriceNatGateway") },
  elb: {
    albHour: price(0.0225, "hour", "awsPageUnverified", "https://aws.amazon.com/elasticloadbalancing/pricing/"),
    albLcuHour: price(0.008, "LCU-hour", "codemateDesign"),
    nlbHour: price(0.0225, "hour", "awsPageUnverified", "https://aws.amazon.com/elasticloadbalancing/pricing/"),
    nlbNlcuHour: price(0.006, "NLCU-hour", "awsPageUnverified", "https://aws.amazon.com/elasticloadbalancing/pricing/"),
  },
  vpcEndpoint: { interfaceAzHour: price(0.013, "hour", "awsPriceVpc", "per endpoint per AZ"), processedGb: price(0.01, "GB", "awsPriceVpc", "first 1 PB") },
  dataTransfer: {
    internetOutGb: price(0.126, "GB", "awsPageUnverified", "first 10 TB; the account-wide 100 GB free is not deducted; https://aws.amazon.com/ec2/pricing/on-demand/"),
    interRegionOutGb: price(0.08, "GB", "awsPageUnverified", "to another AWS region; https://aws.amazon.com/ec2/pricing/on-demand/"),
  },
  cloudfront: g.cloudfront,
  s3: {
    standardGbMonth: price(0.025, "GB-month", "awsPriceS3", "first 50 TB"),
    standardIaGbMonth: price(0.0138, "GB-month", "awsPriceS3"),
    glacierInstantGbMonth: price(0.005, "GB-month", "awsPriceS3"),
    glacierGbMonth: price(0.0045, "GB-month", "awsPriceS3", "Glacier Flexible Retrieval"),
    glacierTransitions1k: price(0.03258, "1k requests", "awsPriceS3", "lifecycle transitions into Glacier"),
    deepArchiveGbMonth: price(0.002, "GB-month", "awsPageUnverified", "https://aws.amazon.com/s3/pricing/"),
    putRequests1k: price(0.0045, "1k requests", "awsPriceS3", "PUT, COPY, POST, LIST"),
    getRequests1k: price(0.00035, "1k requests", "awsPriceS3", "GET, SELECT"),
  },
  cloudwatch: {
    logsIngestedGb: price(0.76, "GB", "awsPriceCloudWatch", "standard log class; vended logs (flow logs) start at the same rate"),
    logsStoredGbMonth: price(0.0314, "GB-month", "awsPriceCloudWatch", "compressed archive"),
    ...g.cloudwatchFlat,
  },
  secretsManager: {
    secretMonth: price(0.4, "month", "codemateDesign", "per secret and per replica; API calls priced for rotations only"),
    apiCalls10k: price(0.05, "10k requests", "awsPageUnverified", "https://aws.amazon.com/secrets-manager/pricing/; not stored offline: the figure as a third-party overview quotes it (hivebook.wiki, AWS Secrets Manager), checked 2026-12-05"),
  },
  kms: g.kms,
  ses: g.ses,
  route53: g.route53,
  waf: g.waf,
  backup: { storageGbMonth: price(0.095, "GB-month", "ec2shopRdsStorage", "RDS/Aurora snapshot storage (\"Storage Snapshot\") through AWS Backup, warm") },
  lambda: g.lambda,
  xray: g.xray,
  ecr: { storageGbMonth: price(0.1, "GB-month", "codemateDesign") },
  guardDuty: {
    cloudTrailEventsMillion: price(4.6, "million events", "awsPriceGuardDuty", "management events"),
    flowAndDnsLogsGb: price(1.15, "GB", "awsPriceGuardDuty", "VPC flow and DNS logs analysed, first 500 GB"),
  },
};
