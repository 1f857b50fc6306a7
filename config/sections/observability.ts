import { z } from "zod";

/**
 * `platform:observability`: who is paged, at which thresholds, and the monthly budget. The
 * durations of the alarms are the seeds' and live with the alarms (components/observability);
 * the thresholds are per stack.
 */

const percent = (what: string) =>
  z
    .number()
    .gt(0, `${what} must be above 0 and at most 100 (percent)`)
    .max(100, `${what} must be above 0 and at most 100 (percent)`);

const count = (what: string, max: number) =>
  z
    .number()
    .int(`${what} must be a whole number`)
    .min(0, `${what} must be 0-${max}`)
    .max(max, `${what} must be 0-${max}`);

export const alarmThresholds = z
  .object({
    /** ECS/EKS service CPU above this for 5 minutes (seeds 000, 001, 002: 80 %). */
    serviceCpuPercent: percent("service CPU").default(80),
    /** Service memory above this for 5 minutes (seeds 000, 002: 85 %). */
    serviceMemoryPercent: percent("service memory").default(85),
    /** ALB p95 target response time, seconds (seed 000: 2 s; seed 002: 3 s). */
    responseTimeP95Seconds: z.number().min(0.05, "must be 0.05-60 seconds").max(60, "must be 0.05-60 seconds (the ALB's default idle timeout)"),
    /** Target 5xx responses per 5 minutes (seeds 000, 001: more than 10). */
    target5xxPer5Minutes: count("the 5xx count", 100000).default(10),
    /** Database CPU above this for two 5-minute periods (seed 003: 80 %). */
    databaseCpuPercent: percent("database CPU").default(80),
    /** Connections above this share of max_connections for 5 minutes (seed 001: 80 %). */
    databaseConnectionsPercent: percent("database connections").default(80),
    /** Free storage below this share of the allocated storage (RDS instances; Aurora grows on its own). */
    databaseFreeStoragePercent: z.number().min(1, "must be 1-50 percent").max(50, "must be 1-50 percent").default(20),
    /** Redis engine CPU above this (the engine thread; seeds 000-003 page at 80 % for CPU). */
    cacheCpuPercent: percent("cache CPU").default(80),
    /** Redis memory used above this (seed 004: Redis memory under 80 %). */
    cacheMemoryPercent: percent("cache memory").default(80),
    /** Evicted keys per 5 minutes above which to page (seed 003 keeps sessions in Redis: any eviction loses one). */
    cacheEvictionsPer5Minutes: count("the eviction count", 1000000).default(0),
    /** Lambda errors per 5 minutes above which to page. */
    lambdaErrorsPer5Minutes: count("the error count", 100000).default(0),
    /** Lambda throttles per 5 minutes above which to page. */
    lambdaThrottlesPer5Minutes: count("the throttle count", 100000).default(0),
  })
  .strict();

export type AlarmThresholds = z.infer<typeof alarmThresholds>;

export const budgetSection = z
  .object({
    /** Monthly cost budget in USD for the resources tagged with this stack's Environment. */
    monthlyUsd: z.number().positive("must be a positive amount in USD").max(1_000_000, "must be at most 1000000 USD"),
    /** E-mail when the forecast passes this share of the budget (seed 001 section 9: 80 %). */
    forecastPercent: z.number().int().min(1, "must be 1-1000 percent").max(1000, "must be 1-1000 percent").default(80),
    /** Urgent e-mail when actual spend passes this share (seed 001 section 9: 100 %). */
    actualPercent: z.number().int().min(1, "must be 1-1000 percent").max(1000, "must be 1-1000 percent").default(100),
  })
  .strict();

export const observabilitySection = z
  .object({
    /** Addresses subscribed to the stack's alert topic and the budget (SNS sends each a confirmation). */
    alertEmails: z
      .array(z.string().email("must be an e-mail address"))
      .min(1, "needs at least one address: alarms nobody receives page nobody")
      .max(10, "takes at most 10 addresses; subscribe a list address instead"),
    alarms: alarmThresholds,
    /** A CloudWatch dashboard with the alarmed metrics. */
    dashboard: z.boolean().default(true),
    budget: budgetSection.optional(),
  })
  .strict();

export type ObservabilityConfig = z.infer<typeof observabilitySection>;
