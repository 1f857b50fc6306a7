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
  | "million events"
  | "fraction";

/** One list price: what it costs, per what, and where the figure comes from. */
export interface Price {
  readonly usd: number;
  readonly unit: PriceUnit;
  readonly source: SourceId;
  /** Why this figure, when it is not a plain read of the price page. */
  readonly note?: string;
}

/** Fargate charges vCPU and memory separately, per hour. */
export interface FargateRates {
  readonly vcpuHour: Price;
  readonly gbHour: Price;
}

/**
 * The list prices of one region: every figure the cost engine uses. Instance classes not listed
 * here are reported as missing prices, never guessed.
 */
export interface PriceTable {
  readonly region: string;
  readonly fargate: {
    readonly x86: FargateRates;
    readonly arm64: FargateRates;
    readonly spotX86: FargateRates;
    readonly spotArm64: FargateRates;
  };
  readonly ec2: {
    /** Linux on-demand, by instance type. */
    readonly instanceHour: Readonly<Record<string, Price>>;
    /** Spot price as a fraction of on-demand (EKS Spot node groups). */
    readonly spotFraction: Price;
    readonly ebsGbMonth: { readonly gp3: Price; readonly gp2: Price };
    /** Every public IPv4 address, attached or not, since February 2024. */
    readonly publicIpv4Hour: Price;
  };
  readonly eks: { readonly clusterHour: Price };
  readonly rds: {
    /** Single-AZ on-demand, by engine and class; Multi-AZ (one standby) is twice this. */
    readonly instanceHour: { readonly postgres: Readonly<Record<string, Price>>; readonly mysql: Readonly<Record<string, Price>> };
    /** Single-AZ; Multi-AZ doubles it. */
    readonly storageGbMonth: { readonly gp3: Price; readonly gp2: Price };
  };
  readonly aurora: {
    /** Aurora Standard, by class (the same for the MySQL and PostgreSQL editions). */
    readonly instanceHour: Readonly<Record<string, Price>>;
    /** Aurora I/O-Optimized instances cost this much more than Standard. */
    readonly ioOptimizedInstanceFactor: Price;
    readonly storageGbMonth: Price;
    readonly ioOptimizedStorageGbMonth: Price;
    readonly ioRequestsMillion: Price;
  };
  readonly elasticache: { readonly nodeHour: Readonly<Record<string, Price>> };
  readonly natGateway: { readonly hour: Price; readonly processedGb: Price };
  readonly elb: { readonly albHour: Price; readonly albLcuHour: Price; readonly nlbHour: Price; readonly nlbNlcuHour: Price };
  readonly vpcEndpoint: { readonly interfaceAzHour: Price; readonly processedGb: Price };
  readonly dataTransfer: { readonly internetOutGb: Price; readonly interRegionOutGb: Price };
  readonly cloudfront: { readonly dataOutGb: Price; readonly httpsRequests10k: Price };
  readonly s3: {
    readonly standardGbMonth: Price;
    readonly standardIaGbMonth: Price;
    readonly glacierInstantGbMonth: Price;
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
  readonly secretsManager: { readonly secretMonth: Price };
  readonly kms: { readonly keyMonth: Price };
  readonly route53: {
    readonly hostedZoneMonth: Price;
    readonly queriesMillion: Price;
    readonly healthCheckMonth: Price;
    /** HTTPS, string matching, fast interval, latency: each one on an AWS endpoint. */
    readonly healthCheckFeatureMonth: Price;
  };
  readonly waf: { readonly webAclMonth: Price; readonly ruleMonth: Price; readonly requestsMillion: Price };
  readonly backup: { readonly storageGbMonth: Price };
  readonly lambda: { readonly requestsMillion: Price; readonly x86GbSecond: Price; readonly arm64GbSecond: Price };
  readonly ecr: { readonly storageGbMonth: Price };
  readonly guardDuty: { readonly cloudTrailEventsMillion: Price; readonly flowAndDnsLogsGb: Price };
}

/** Shorthand for the price files. */
export const price = (usd: number, unit: PriceUnit, source: SourceId, note?: string): Price => (note ? { usd, unit, source, note } : { usd, unit, source });
