import { z } from "zod";

/**
 * `platform:cost`: what the resources themselves do not say about a month of running them
 * (traffic, log volume, stored bytes, requests), and the budget the estimate is held against.
 * Defaults are seed 001's dev assumptions (its 예상 비용 table); larger stacks set their own.
 */
/** A non-negative amount; `what` documents the unit at the call site. */
const amount = (what: string) => z.number().min(0, what);

const lambdaUsage = z
  .object({
    /** Invocations per month. */
    invocationsPerMonth: amount("invocations per month"),
    /** Average billed duration of one invocation, in milliseconds. */
    averageDurationMs: amount("milliseconds").max(900_000, "milliseconds: Lambda stops a function at 15 minutes"),
  })
  .strict();

export const costUsageSchema = z
  .object({
    /** GB through NAT gateways per month (seed 001: dev 10, prod 50). */
    natProcessedGb: amount("GB per month").default(10),
    /** GB sent to the internet directly from the region per month, beyond CloudFront. */
    internetEgressGb: amount("GB per month").default(0),
    /** GB through interface VPC endpoints per month. */
    interfaceEndpointProcessedGb: amount("GB per month").default(0),
    /** Average ALB capacity units per hour, per ALB (seed 001: dev $1.84 = 0.315, prod 3). */
    albLcuPerHour: amount("LCU").default(0.315),
    /** Average NLB capacity units per hour, per NLB (no seed figure: the ALB's minimum). */
    nlbNlcuPerHour: amount("NLCU").default(0.315),
    /** CloudFront GB to viewers per month (seed 001 prod: 100). */
    cloudFrontDataOutGb: amount("GB per month").default(0),
    /** CloudFront HTTPS requests per month, in millions (seed 001 prod: 1). */
    cloudFrontRequestsMillions: amount("million requests").default(0),
    /** Requests a web ACL inspects per month, in millions. */
    wafRequestsMillions: amount("million requests").default(0),
    /** Route 53 standard queries per month, in millions (seed 001: prod $0.60 = 0.25 M). */
    route53QueriesMillions: amount("million queries").default(0),
    /** CloudWatch Logs ingested per month (seed 001: dev 5 GB, prod 20 GB). */
    logIngestedGb: amount("GB per month").default(5),
    /** CloudWatch Logs stored (seed 001: dev 5 GB, prod 20 GB). */
    logStoredGb: amount("GB").default(5),
    /** Custom CloudWatch metrics (seed 001: prod 50). */
    customMetrics: amount("metrics").int("must be a whole number of metrics").default(0),
    s3: z
      .object({
        /** S3 Standard, GB stored (seed 001: dev 10). */
        standardGb: amount("GB").default(10),
        /** Standard-IA, GB stored. */
        standardIaGb: amount("GB").default(0),
        /** Glacier Instant Retrieval, GB stored. */
        glacierInstantGb: amount("GB").default(0),
        /** Glacier Deep Archive, GB stored. */
        deepArchiveGb: amount("GB").default(0),
        /** PUT/COPY/POST/LIST per month, thousands (seed 001 dev: 1,000 PUT/GET). */
        putRequestsThousands: amount("thousand requests").default(0.5),
        /** GET per month, thousands. */
        getRequestsThousands: amount("thousand requests").default(0.5),
        /** GB replicated to another region per month (cross-region replication). */
        replicatedGb: amount("GB per month").default(0),
      })
      .strict()
      .default({}),
    /** ECR image storage, GB (seed 001: dev 5, prod 10). */
    ecrStorageGb: amount("GB").default(5),
    aurora: z
      .object({
        /** Aurora cluster volume per cluster, GB (seed 004: 100 GB). */
        storageGb: amount("GB").default(20),
        /** Aurora Standard I/O per cluster per month, millions. */
        ioRequestsMillions: amount("million requests").default(5),
      })
      .strict()
      .default({}),
    backup: z
      .object({
        /** AWS Backup storage kept, GB. */
        storageGb: amount("GB").default(0),
        /** GB copied to another region's vault per month. */
        crossRegionCopyGb: amount("GB per month").default(0),
      })
      .strict()
      .default({}),
    /** Every Lambda function, unless `lambdaFunctions` names it (seed 004: 1 M invocations/month across its jobs). */
    lambda: lambdaUsage.default({ invocationsPerMonth: 100_000, averageDurationMs: 500 }),
    /** Per job, by the job's name (the function's logical name ends with `-<name>`). */
    lambdaFunctions: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, "function keys are job names: a-z, 0-9 and '-'"), lambdaUsage).default({}),
    guardDuty: z
      .object({
        /** CloudTrail management events analysed per month, millions. */
        cloudTrailEventsMillions: amount("million events").default(0.1),
        /** VPC flow and DNS logs analysed per month, GB. */
        flowAndDnsLogsGb: amount("GB per month").default(1),
      })
      .strict()
      .default({}),
  })
  .strict();

/** One line of the seed's own cost table, and how it maps onto the estimate. */
const referenceItem = z
  .object({
    /** The seed's wording, e.g. `ECS Fargate frontend (0.5 vCPU, 1 GB x 1 task)`. */
    name: z.string().min(1, "must name the seed's line item"),
    /** The seed's monthly figure. */
    usd: z.number().min(0, "must be >= 0 USD"),
    /** Regular expression over `<service>: <item>` of the estimate's lines that this item covers. */
    match: z
      .string()
      .refine((text) => compiles(text), { message: "must be a valid regular expression" })
      .optional(),
    /** Billed outside what the platform builds (an AI API, CI minutes): compared, never estimated. */
    outside: z.boolean().default(false),
    /** Why the estimate differs from the seed here; required when it differs by more than 2 %. */
    note: z.string().optional(),
  })
  .strict()
  .refine((item) => item.outside !== (item.match !== undefined), { message: "needs exactly one of 'match' (lines of the estimate) or 'outside: true'" });

/** The seed's own cost table for this blueprint, so `plan` can explain every difference. */
export const costReference = z
  .object({
    /** Where the figures come from, e.g. `seed 001 예상 비용, 개발 환경`. */
    source: z.string().min(1, "must name the seed section"),
    /** The seed's total. */
    totalUsd: z.number().refine((usd) => usd > 0, "must be more than 0 USD"),
    items: z.array(referenceItem).min(1, "needs at least one item"),
  })
  .strict()
  .refine((ref) => Math.abs(ref.items.reduce((sum, i) => sum + i.usd, 0) - ref.totalUsd) < 0.05, {
    message: "items must add up to totalUsd (within $0.05): the seed's table is copied in full",
    path: ["items"],
  });

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
    /**
     * Monthly budget in USD for stacks without an AWS Budgets budget: `plan` warns when the
     * estimate exceeds it. A stack with `platform:observability.budget` keeps its budget there
     * (one source of truth; setting both is a config error).
     */
    monthlyBudgetUsd: z.number().refine((usd) => usd > 0, "must be more than 0 USD").optional(),
    usage: costUsageSchema.default({}),
    /** The seed's cost table, for blueprints: `plan` sets the estimate beside it. */
    reference: costReference.optional(),
  })
  .strict();

export type CostConfig = z.infer<typeof costSection>;
export type CostUsage = z.infer<typeof costUsageSchema>;
export type CostReference = z.infer<typeof costReference>;
