/** Lambda usage: invocations per month and their average billed duration. */
export interface LambdaUsage {
  readonly invocationsPerMonth: number;
  readonly averageDurationMs: number;
}

/**
 * What the resources themselves do not say about a month of running them (traffic, log volume,
 * stored bytes, requests); units are in the names.
 */
export interface CostUsage {
  readonly natProcessedGb: number;
  readonly internetEgressGb: number;
  readonly interfaceEndpointProcessedGb: number;
  readonly albLcuPerHour: number;
  readonly nlbNlcuPerHour: number;
  readonly cloudFrontDataOutGb: number;
  readonly cloudFrontRequestsMillions: number;
  readonly wafRequestsMillions: number;
  readonly route53QueriesMillions: number;
  readonly logIngestedGb: number;
  readonly logStoredGb: number;
  readonly customMetrics: number;
  /** X-Ray traces recorded per month, in millions (traced ECS services). */
  readonly xrayTracesMillions: number;
  readonly s3: {
    readonly standardGb: number;
    readonly standardIaGb: number;
    readonly glacierInstantGb: number;
    readonly deepArchiveGb: number;
    readonly putRequestsThousands: number;
    readonly getRequestsThousands: number;
    readonly replicatedGb: number;
  };
  readonly ecrStorageGb: number;
  /** The log archive (`platform:logs.archive`): GB through Firehose a month, and GB the bucket holds per storage class. */
  readonly logArchive: { readonly ingestedGb: number; readonly standardGb: number; readonly glacierGb: number };
  readonly aurora: { readonly storageGb: number; readonly ioRequestsMillions: number };
  readonly backup: { readonly storageGb: number; readonly crossRegionCopyGb: number };
  /** Every Lambda function unless `lambdaFunctions` names it. */
  readonly lambda: LambdaUsage;
  /** Per job, by the job's name. */
  readonly lambdaFunctions: Readonly<Record<string, LambdaUsage>>;
  /** Messages sent through the stack's SES identity. */
  readonly mail: { readonly emailsPerMonth: number };
  readonly guardDuty: { readonly cloudTrailEventsMillions: number; readonly flowAndDnsLogsGb: number };
}

/** One line of a seed's own cost table, and how it maps onto the estimate. */
export interface CostReferenceItem {
  /** The seed's wording. */
  readonly name: string;
  /** The seed's monthly figure. */
  readonly usd: number;
  /** Regular expression over `<service>: <item>` of the estimate's lines this item covers. */
  readonly match?: string;
  /** Billed outside what the platform builds: compared, never estimated. */
  readonly outside: boolean;
  /** Why the estimate differs from the seed here. */
  readonly note?: string;
}

/** A seed's cost table for a blueprint, so `plan` can explain every difference. */
export interface CostReference {
  /** Where the figures come from. */
  readonly source: string;
  readonly totalUsd: number;
  readonly items: readonly CostReferenceItem[];
}

/**
 * How a stack's prices are bought: `on-demand` list prices, or `savings-1y-no-upfront`: Compute
 * Savings Plans (1 year, no upfront) for Fargate, Lambda duration and EC2, and reserved DB
 * instances and cache nodes (1 year, no upfront).
 */
export const pricingModels = ["on-demand", "savings-1y-no-upfront"] as const;
export type PricingModel = (typeof pricingModels)[number];

/** `platform:cost`. */
export interface CostSettings {
  /** How the estimate prices what a commitment covers; on-demand by default. */
  readonly pricingModel: PricingModel;
  /** Monthly budget the estimate is held against, for stacks without an AWS Budgets budget. */
  readonly monthlyBudgetUsd?: number;
  readonly usage: CostUsage;
  readonly reference?: CostReference;
}
