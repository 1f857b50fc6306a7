import { globalPrices as g } from "./global";
import { price, PriceTable } from "./types";

const hour = (usd: number, note?: string) => price(usd, "hour", "awsList", note);

/**
 * Asia Pacific (Seoul). On-demand list prices, USD. Where seed 001's cost table quotes a different
 * figure for the same item, the README's blueprint table says which one and why.
 */
export const apNortheast2: PriceTable = {
  region: "ap-northeast-2",
  fargate: {
    x86: { vcpuHour: hour(0.04656), gbHour: hour(0.00511) },
    arm64: { vcpuHour: hour(0.03725), gbHour: hour(0.00409) },
    spotX86: { vcpuHour: price(0.013968, "hour", "spotEstimate"), gbHour: price(0.001533, "hour", "spotEstimate") },
    spotArm64: { vcpuHour: price(0.011175, "hour", "spotEstimate"), gbHour: price(0.001227, "hour", "spotEstimate") },
  },
  ec2: {
    instanceHour: {
      "t4g.nano": hour(0.0052),
      "t4g.micro": hour(0.0104),
      "t4g.small": hour(0.0208),
      "t4g.medium": hour(0.0416),
      "t4g.large": hour(0.0832),
      "t4g.xlarge": hour(0.1664),
      "t3.nano": hour(0.0065),
      "t3.micro": hour(0.013),
      "t3.small": hour(0.026),
      "t3.medium": hour(0.052),
      "t3.large": hour(0.104),
      "t3.xlarge": hour(0.208),
      "m5.large": hour(0.118),
      "m6i.large": hour(0.118),
      "m6g.large": hour(0.094),
      "m6g.xlarge": hour(0.188),
    },
    spotFraction: price(0.3, "fraction", "spotEstimate"),
    ebsGbMonth: { gp3: price(0.0912, "GB-month", "awsList"), gp2: price(0.114, "GB-month", "awsList") },
    publicIpv4Hour: g.publicIpv4Hour,
  },
  eks: g.eks,
  rds: {
    instanceHour: {
      postgres: {
        "db.t4g.micro": hour(0.025),
        "db.t4g.small": hour(0.051),
        "db.t4g.medium": hour(0.102),
        "db.t4g.large": hour(0.204),
        "db.t3.micro": hour(0.026),
        "db.t3.small": hour(0.052),
        "db.t3.medium": hour(0.104),
        "db.t3.large": hour(0.208),
        "db.m6g.large": hour(0.188),
        "db.m6g.xlarge": hour(0.376),
        "db.r6g.large": hour(0.267, "PostgreSQL runs about 4 % above the MySQL rate of the same class"),
        "db.r6g.xlarge": hour(0.534),
        "db.r5.large": hour(0.297),
      },
      mysql: {
        "db.t4g.micro": hour(0.025),
        "db.t4g.small": hour(0.05),
        "db.t4g.medium": hour(0.1),
        "db.t3.micro": price(0.026, "hour", "seoulBill", "the bill quotes db.t2.micro; t3.micro is listed at the same rate"),
        "db.t3.small": hour(0.052),
        "db.t3.medium": hour(0.104),
        "db.r5.large": price(0.285, "hour", "seoulBill"),
        "db.r6g.large": hour(0.257),
      },
    },
    storageGbMonth: {
      gp3: price(0.131, "GB-month", "awsList", "gp3 is listed at the gp2 rate; 3,000 IOPS and 125 MB/s included"),
      gp2: price(0.131, "GB-month", "seoulBill"),
    },
  },
  aurora: {
    instanceHour: {
      "db.t3.medium": hour(0.1),
      "db.t4g.medium": hour(0.091),
      "db.r6g.large": hour(0.304),
      "db.r6g.xlarge": hour(0.608),
      "db.r7g.large": hour(0.324),
    },
    ioOptimizedInstanceFactor: price(1.3, "fraction", "awsList", "I/O-Optimized instances are listed 30 % above Standard"),
    storageGbMonth: price(0.12, "GB-month", "awsList"),
    ioOptimizedStorageGbMonth: price(0.27, "GB-month", "awsList"),
    ioRequestsMillion: price(0.22, "million requests", "awsList"),
  },
  elasticache: {
    nodeHour: {
      "cache.t4g.micro": hour(0.025),
      "cache.t4g.small": hour(0.049),
      "cache.t4g.medium": hour(0.098),
      "cache.t3.micro": hour(0.026),
      "cache.t3.small": hour(0.052),
      "cache.t3.medium": hour(0.104),
      "cache.m6g.large": hour(0.188),
      "cache.r6g.large": hour(0.262),
      "cache.r6g.xlarge": hour(0.524),
    },
  },
  natGateway: { hour: hour(0.059), processedGb: price(0.059, "GB", "awsList") },
  elb: {
    albHour: hour(0.0225),
    albLcuHour: price(0.008, "LCU-hour", "awsList"),
    nlbHour: hour(0.0225),
    nlbNlcuHour: price(0.006, "NLCU-hour", "awsList"),
  },
  vpcEndpoint: { interfaceAzHour: hour(0.013, "per endpoint per AZ"), processedGb: price(0.01, "GB", "awsList", "first 1 PB") },
  dataTransfer: {
    internetOutGb: price(0.126, "GB", "awsList", "first 10 TB; the account-wide 100 GB free is not deducted"),
    interRegionOutGb: price(0.08, "GB", "awsList", "to another AWS region"),
  },
  cloudfront: g.cloudfront,
  s3: {
    standardGbMonth: price(0.025, "GB-month", "awsList", "first 50 TB"),
    standardIaGbMonth: price(0.0138, "GB-month", "awsList"),
    glacierInstantGbMonth: price(0.005, "GB-month", "awsList"),
    deepArchiveGbMonth: price(0.002, "GB-month", "awsList"),
    putRequests1k: price(0.0045, "1k requests", "awsList", "PUT, COPY, POST, LIST"),
    getRequests1k: price(0.00035, "1k requests", "awsList", "GET, SELECT"),
  },
  cloudwatch: {
    logsIngestedGb: price(0.76, "GB", "awsList", "standard log class; vended logs (flow logs) start at the same rate"),
    logsStoredGbMonth: price(0.0314, "GB-month", "awsList", "compressed archive"),
    ...g.cloudwatchFlat,
  },
  secretsManager: g.secretsManager,
  kms: g.kms,
  route53: g.route53,
  waf: g.waf,
  backup: { storageGbMonth: price(0.095, "GB-month", "awsList", "RDS/Aurora snapshot storage through AWS Backup, warm") },
  lambda: g.lambda,
  ecr: g.ecr,
  guardDuty: {
    cloudTrailEventsMillion: price(4.4, "million events", "awsList", "management events, first 500 M"),
    flowAndDnsLogsGb: price(1.1, "GB", "awsList", "VPC flow and DNS logs analysed, first 500 GB"),
  },
};
