import { z } from "zod";
import { pricingModels } from "../../model/cost/settings";

/**
 * `platform:cost`: what the resources themselves do not say about a month of running them
 * (traffic, log volume, stored bytes, requests), and the budget the estimate is held against.
 * Defaults are seed 001's dev assumptions (its 예상 비용 table); larger stacks set their own.
 */
/** A non-negative amount; `what` documents the unit at the call site. */
const amount = (what: string) => z.number().min(0, what);

const lambdaUsage = z
  .object({
    invocationsPerMonth: amount("invocations per month").describe("Invocations per month."),
    averageDurationMs: amount("milliseconds").max(900_000, "milliseconds: Lambda stops a function at 15 minutes").describe("Average billed duration of one invocation, in milliseconds."),
  })
  .strict();

export const costUsageSchema = z
  .object({
    natProcessedGb: amount("GB per month").default(10).describe("GB through NAT gateways per month (seed 001: dev 10, prod 50)."),
    internetEgressGb: amount("GB per month").default(0).describe("GB sent to the internet directly from the region per month, beyond CloudFront."),
    interfaceEndpointProcessedGb: amount("GB per month").default(0).describe("GB through interface VPC endpoints per month."),
    albLcuPerHour: amount("LCU").default(0.315).describe("Average ALB capacity units per hour, per ALB (seed 001: dev $1.84 = 0.315, prod 3)."),
    nlbNlcuPerHour: amount("NLCU").default(0.315).describe("Average NLB capacity units per hour, per NLB (no seed figure: the ALB's minimum)."),
    cloudFrontDataOutGb: amount("GB per month").default(0).describe("CloudFront GB to viewers per month (seed 001 prod: 100)."),
    cloudFrontRequestsMillions: amount("million requests").default(0).describe("CloudFront HTTPS requests per month, in millions (seed 001 prod: 1)."),
    wafRequestsMillions: amount("million requests").default(0).describe("Requests a web ACL inspects per month, in millions."),
    route53QueriesMillions: amount("million queries").default(0).describe("Route 53 standard queries per month, in millions (seed 001: prod $0.60 = 0.25 M)."),
    logIngestedGb: amount("GB per month").default(5).describe("CloudWatch Logs ingested per month (seed 001: dev 5 GB, prod 20 GB)."),
    logStoredGb: amount("GB").default(5).describe("CloudWatch Logs stored (seed 001: dev 5 GB, prod 20 GB)."),
    customMetrics: amount("metrics").int("must be a whole number of metrics").default(0).describe("Custom CloudWatch metrics (seed 001: prod 50)."),
    xrayTracesMillions: amount("million traces per month").default(0).describe("AWS X-Ray traces recorded per month, in millions, when `platform:observability.tracing` is on (the first 0.1 million are free)."),
    logArchive: z
      .object({
        ingestedGb: amount("GB per month").default(0).describe("Log data CloudWatch Logs puts into the archive streams per month, GB as Firehose bills it (gzip-compressed by CloudWatch Logs, each record rounded up to 5 KB)."),
        standardGb: amount("GB").default(0).describe("Archive objects in S3 Standard, GB (those younger than the first transition)."),
        glacierGb: amount("GB").default(0).describe("Archive objects in Glacier Flexible Retrieval (lifecycle class GLACIER), GB."),
      })
      .strict()
      .default({})
      .describe("The log archive (platform:logs.archive): Firehose ingestion and the archive bucket's storage."),
    s3: z
      .object({
        standardGb: amount("GB").default(10).describe("S3 Standard, GB stored (seed 001: dev 10)."),
        standardIaGb: amount("GB").default(0).describe("Standard-IA, GB stored."),
        glacierInstantGb: amount("GB").default(0).describe("Glacier Instant Retrieval, GB stored."),
        deepArchiveGb: amount("GB").default(0).describe("Glacier Deep Archive, GB stored."),
        putRequestsThousands: amount("thousand requests").default(0.5).describe("PUT/COPY/POST/LIST per month, thousands (seed 001 dev: 1,000 PUT/GET)."),
        getRequestsThousands: amount("thousand requests").default(0.5).describe("GET per month, thousands."),
        replicatedGb: amount("GB per month").default(0).describe("GB replicated to another region per month (cross-region replication)."),
      })
      .strict()
      .default({})
      .describe("S3 storage and requests beyond what the buckets themselves say."),
    ecrStorageGb: amount("GB").default(5).describe("ECR image storage, GB (seed 001: dev 5, prod 10)."),
    aurora: z
      .object({
        storageGb: amount("GB").default(20).describe("Aurora cluster volume per cluster, GB (seed 004: 100 GB)."),
        ioRequestsMillions: amount("million requests").default(5).describe("Aurora Standard I/O per cluster per month, millions."),
      })
      .strict()
      .default({})
      .describe("Aurora storage and I/O per cluster."),
    backup: z
      .object({
        storageGb: amount("GB").default(0).describe("AWS Backup storage kept, GB."),
        crossRegionCopyGb: amount("GB per month").default(0).describe("GB copied to another region's vault per month."),
      })
      .strict()
      .default({})
      .describe("AWS Backup storage and cross-region copies."),
    lambda: lambdaUsage.default({ invocationsPerMonth: 100_000, averageDurationMs: 500 }).describe("Every Lambda function, unless `lambdaFunctions` names it (seed 004: 1 M invocations/month across its jobs)."),
    lambdaFunctions: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, "function keys are job names: a-z, 0-9 and '-'"), lambdaUsage).default({}).describe("Per job, by the job's name (the function's logical name ends with `-<name>`)."),
    mail: z
      .object({
        emailsPerMonth: amount("e-mails per month").default(0).describe("Messages sent through the stack's SES identity per month (seed 003: 1,000)."),
      })
      .strict()
      .default({})
      .describe("What the stack's SES identity (`platform:mail`) sends."),
    guardDuty: z
      .object({
        cloudTrailEventsMillions: amount("million events").default(0.1).describe("CloudTrail management events analysed per month, millions."),
        flowAndDnsLogsGb: amount("GB per month").default(1).describe("VPC flow and DNS logs analysed per month, GB."),
      })
      .strict()
      .default({})
      .describe("What GuardDuty analyses per month."),
  })
  .strict();

const referenceItem = z
  .object({
    name: z.string().min(1, "must name the seed's line item").describe("The seed's wording, e.g. `ECS Fargate frontend (0.5 vCPU, 1 GB x 1 task)`."),
    usd: z.number().min(0, "must be >= 0 USD").describe("The seed's monthly figure."),
    match: z
      .string()
      .refine((text) => compiles(text), { message: "must be a valid regular expression" })
      .optional()
      .describe("Regular expression over `<service>: <item>` of the estimate's lines that this item covers."),
    outside: z.boolean().default(false).describe("Billed outside what the platform builds (an AI API, CI minutes): compared, never estimated."),
    note: z.string().optional().describe("Why the estimate differs from the seed here; required when it differs by more than 2 %."),
  })
  .strict()
  .refine((item) => item.outside !== (item.match !== undefined), { message: "needs exactly one of 'match' (lines of the estimate) or 'outside: true'" })
  .describe("One line of the seed's own cost table, and how it maps onto the estimate.");

export const costReference = z
  .object({
    source: z.string().min(1, "must name the seed section").describe("Where the figures come from, e.g. `seed 001 예상 비용, 개발 환경`."),
    totalUsd: z.number().refine((usd) => usd > 0, "must be more than 0 USD").describe("The seed's total."),
    items: z.array(referenceItem).min(1, "needs at least one item").describe("The seed's line items, copied in full: they must add up to totalUsd."),
  })
  .strict()
  .refine((ref) => Math.abs(ref.items.reduce((sum, i) => sum + i.usd, 0) - ref.totalUsd) < 0.05, {
    message: "items must add up to totalUsd (within $0.05): the seed's table is copied in full",
    path: ["items"],
  })
  .describe("The seed's own cost table for this blueprint, so `plan` can explain every difference.");

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export const costSection = z
  .object({
    monthlyBudgetUsd: z.number().refine((usd) => usd > 0, "must be more than 0 USD").optional().describe("Monthly budget in USD for stacks without an AWS Budgets budget: `plan` warns when the estimate exceeds it. A stack with `platform:observability.budget` keeps its budget there (one source of truth; setting both is a config error)."),
    usage: costUsageSchema.default({}).describe("Monthly usage the estimate cannot read from the resources (traffic, log volume, stored bytes, requests); defaults are CodeMate's dev assumptions."),
    reference: costReference.optional().describe("The seed's cost table, for blueprints: `plan` sets the estimate beside it."),
    pricingModel: z
      .string()
      .default("on-demand")
      .refine((model): model is (typeof pricingModels)[number] => (pricingModels as readonly string[]).includes(model), (model) => ({
        message: `unknown pricing model '${model}': must be one of ${pricingModels.join(", ")}`,
      }))
      .describe("How the estimate prices what a commitment covers: `on-demand` list prices, or `savings-1y-no-upfront` (Compute Savings Plans, 1 year, no upfront, for Fargate, Lambda duration and EC2; reserved DB instances and cache nodes, 1 year, no upfront). See docs/cost-model.md, \"Pricing models\"."),
  })
  .strict();

export type CostUsage = z.infer<typeof costUsageSchema>;
export type CostReference = z.infer<typeof costReference>;
