import type { PricingModel } from "../../../model/cost/settings";
import type { SourceId } from "./sources";

/** The unit a price is quoted in, as AWS quotes it. */
export type PriceUnit =
  | "hour"
  | "month"
  | "GB"
  | "GB-month"
  | "GB-second"
  | "LCU-hour"
  | "NLCU-hour"
  | "million requests"
  | "10k requests"
  | "1k requests"
  | "1k emails"
  | "million events"
  | "million traces"
  | "fraction";

/** Another source's figure for the same item, kept so a disagreement stays visible. */
export interface CrossCheck {
  readonly source: SourceId;
  readonly usd: number;
}

/** One list price: what it costs, per what, and where the figure comes from. */
export interface Price {
  readonly usd: number;
  readonly unit: PriceUnit;
  readonly source: SourceId;
  /**
   * The first units a month that AWS lists at no charge (per account), e.g. Route 53's first 50
   * health checks on AWS endpoints. The estimate bills only what is above them.
   */
  readonly firstFree?: number;
  /** Other sources read for this item. Where one disagrees, `source` is the newer and `note` says so. */
  readonly checked?: readonly CrossCheck[];
  /** Why this figure, when it is not a plain read of the source. */
  readonly note?: string;
  /**
   * Set when `prices refresh` read this figure from the Price List API (`source` is then
   * `awsPriceListApi`, and the hand-checked figure it replaced is kept in `checked`).
   */
  readonly listApi?: PriceListApiSource;
}

/** Fargate charges vCPU and memory separately, per hour. */
export interface FargateRates {
  readonly vcpuHour: Price;
  readonly gbHour: Price;
}

/** Prices by instance class (`db.t4g.micro`, `cache.t4g.micro`, `t4g.nano`). */
export type ByClass = Readonly<Record<string, Price>>;

/** RDS engines with a price list here (MariaDB and the commercial engines have none). */
export type RdsEngine = "postgres" | "mysql";
/** Aurora editions, by the `engine` value of a cluster instance. */
export type AuroraEngine = "aurora-postgresql" | "aurora-mysql";
/** ElastiCache engines, by the `engine` value of a replication group or cluster. */
export type CacheEngine = "redis" | "valkey" | "memcached";
/** AWS lists Multi-AZ (one standby) as prices of their own, not as a multiple of Single-AZ. */
export type Deployment = "Single-AZ" | "Multi-AZ";

/**
 * How the table's prices are bought (`platform:cost.pricingModel`): `on-demand` list prices, or
 * what teams buy for steady load, `savings-1y-no-upfront`: Compute Savings Plans (1 year, no
 * upfront) for Fargate, Lambda duration and EC2, and reserved DB instances and cache nodes (1 year,
 * no upfront). Both tables have the same shape, so the engine takes either (`prices/savings.ts`).
 */
export { pricingModels } from "../../../model/cost/settings";
export type { PricingModel } from "../../../model/cost/settings";

/**
 * Where a price `prices refresh` read from the AWS Price List API comes from: the offer's service
 * code and SKU, and the day it was read (the entry's date for the prices' age).
 */
export interface PriceListApiSource {
  readonly dataset: "AWS Price List API";
  readonly retrieved: string;
  readonly serviceCode: string;
  readonly sku: string;
  /** The offer's own `publicationDate`, where the product carried one. */
  readonly publicationDate?: string;
}

/**
 * The list prices of one region: every figure the cost engine uses. Engine, deployment and
 * region are keys wherever AWS lists them apart; nothing is derived by a factor where AWS lists a
 * price. A class or engine not listed here is reported as a missing price, never guessed.
 */
export interface PriceTable {
  readonly region: string;
  readonly pricingModel: PricingModel;
  readonly fargate: {
    readonly x86: FargateRates;
    readonly arm64: FargateRates;
    readonly spotX86: FargateRates;
    readonly spotArm64: FargateRates;
  };
  readonly ec2: {
    /** Linux on-demand, by instance type. */
    readonly instanceHour: ByClass;
    /** Spot price as a fraction of on-demand (EKS Spot node groups). */
    readonly spotFraction: Price;
    readonly ebsGbMonth: { readonly gp3: Price; readonly gp2: Price };
    /** Every public IPv4 address, attached or not, since February 2024. */
    readonly publicIpv4Hour: Price;
  };
  readonly eks: { readonly clusterHour: Price };
  readonly rds: {
    /** By engine, deployment and class: a Multi-AZ instance (one standby) is its own listed price. */
    readonly instanceHour: Readonly<Record<RdsEngine, Readonly<Record<Deployment, ByClass>>>>;
    /** By deployment: Multi-AZ storage is listed apart (Seoul's gp2 is not twice its Single-AZ rate). */
    readonly storageGbMonth: Readonly<Record<Deployment, { readonly gp3: Price; readonly gp2: Price }>>;
  };
  readonly aurora: {
    /** Aurora Standard, by edition and class. */
    readonly instanceHour: Readonly<Record<AuroraEngine, ByClass>>;
    /** Aurora I/O-Optimized, by edition and class: only classes whose listed price was read. */
    readonly ioOptimizedInstanceHour: Readonly<Record<AuroraEngine, ByClass>>;
    readonly storageGbMonth: Price;
    readonly ioOptimizedStorageGbMonth: Price;
    readonly ioRequestsMillion: Price;
  };
  /** By engine and node type: Valkey is listed below Redis OSS. */
  readonly elasticache: { readonly nodeHour: Readonly<Record<CacheEngine, ByClass>> };
  readonly natGateway: { readonly hour: Price; readonly processedGb: Price };
  readonly elb: { readonly albHour: Price; readonly albLcuHour: Price; readonly nlbHour: Price; readonly nlbNlcuHour: Price };
  readonly vpcEndpoint: { readonly interfaceAzHour: Price; readonly processedGb: Price };
  readonly dataTransfer: { readonly internetOutGb: Price; readonly interRegionOutGb: Price };
  readonly cloudfront: { readonly dataOutGb: Price; readonly httpsRequests10k: Price };
  readonly s3: {
    readonly standardGbMonth: Price;
    readonly standardIaGbMonth: Price;
    readonly glacierInstantGbMonth: Price;
    /** S3 Glacier Flexible Retrieval (lifecycle class GLACIER): the log archive after 90 days. */
    readonly glacierGbMonth: Price;
    /** Lifecycle transitions into Glacier Flexible Retrieval, per 1,000 objects moved. */
    readonly glacierTransitions1k: Price;
    readonly deepArchiveGbMonth: Price;
    readonly putRequests1k: Price;
    readonly getRequests1k: Price;
  };
  readonly cloudwatch: {
    readonly logsIngestedGb: Price;
    readonly logsStoredGbMonth: Price;
    readonly metricMonth: Price;
    readonly alarmStandardMetricMonth: Price;
    readonly alarmHighResolutionMetricMonth: Price;
    readonly compositeAlarmMonth: Price;
    readonly dashboardMonth: Price;
  };
  readonly secretsManager: { readonly secretMonth: Price; readonly apiCalls10k: Price };
  readonly kms: { readonly keyMonth: Price };
  readonly route53: {
    readonly hostedZoneMonth: Price;
    readonly queriesMillion: Price;
    /** A health check on an AWS endpoint; the first 50 an account has are free (`firstFree`). */
    readonly healthCheckMonth: Price;
    /** HTTPS, string matching, fast interval, latency: each one on an AWS endpoint. */
    readonly healthCheckFeatureMonth: Price;
  };
  readonly waf: { readonly webAclMonth: Price; readonly ruleMonth: Price; readonly requestsMillion: Price };
  readonly backup: { readonly storageGbMonth: Price };
  readonly lambda: { readonly requestsMillion: Price; readonly x86GbSecond: Price; readonly arm64GbSecond: Price };
  readonly ecr: { readonly storageGbMonth: Price };
  /** Outbound mail to external recipients, per 1,000 messages. */
  readonly ses: { readonly emails1k: Price };
  readonly guardDuty: { readonly cloudTrailEventsMillion: Price; readonly flowAndDnsLogsGb: Price };
  readonly xray: { readonly tracesRecordedMillion: Price };
}

/** What a price file may add to a figure besides its amount, unit and source. */
export type PriceDetails = Pick<Price, "firstFree" | "checked" | "note">;

/** Shorthand for the price files. */
export const price = (usd: number, unit: PriceUnit, source: SourceId, details: string | PriceDetails = {}): Price => {
  const extra = typeof details === "string" ? { note: details } : details;
  return { usd, unit, source, ...extra };
};

/** Hourly prices of one source by class, as the price files list them. */
export function hourly(source: SourceId, byClass: Readonly<Record<string, number>>, details: PriceDetails = {}): ByClass {
  return Object.fromEntries(Object.entries(byClass).map(([name, usd]) => [name, price(usd, "hour", source, details)]));
}
