import { z } from "zod";

/**
 * `platform:observability`: who is paged, at which thresholds, and the monthly budget. The
 * durations of the alarms are the seeds' and live with the alarms (components/observability);
 * the thresholds are per stack.
 */

/** A percentage threshold: above 0, at most 100. */
const percent = () => z.number().gt(0).max(100);

/** A count threshold: a whole number from 0. */
const count = (max: number) => z.number().int().min(0).max(max);

export const alarmThresholds = z
  .object({
    serviceCpuPercent: percent().default(80).describe("ECS/EKS service CPU above this for 5 minutes (seeds 000, 001, 002: 80 %)."),
    serviceMemoryPercent: percent().default(85).describe("Service memory above this for 5 minutes (seeds 000, 002: 85 %)."),
    responseTimeP95Seconds: z.number().min(0.05).max(60).describe("ALB p95 target response time, seconds (seed 000: 2 s; seed 002: 3 s)."),
    target5xxPer5Minutes: count(100000).default(10).describe("Target 5xx responses in `target5xxWindowMinutes` above which to page (seeds 000, 001: more than 10). The name keeps seed 000's 5-minute window, the default."),
    target5xxWindowMinutes: z.number().int().min(1).max(60).default(5).describe("Minutes over which the 5xx responses are counted, 1-60 (seed 000: 5; CodeMate, section 10: 1)."),
    target5xxRate: z
      .object({
        percent: percent().describe("Share of the target group's requests answered 5xx above which to page (NewsForge, Onno: 5 %)."),
        periodMinutes: z.number().int().min(1).max(60).default(5).describe("Minutes of one datapoint, 1-60 (Onno, section 7-2: 5)."),
        periods: z.number().int().min(1).max(10).default(1).describe("Consecutive breaching datapoints that raise the alarm, 1-10 (Onno, section 7-2: 2)."),
      })
      .strict()
      .optional()
      .describe("An error-rate alarm per ALB target group: 100 x 5xx / requests (metric math), not a count. None when omitted."),
    databaseCpuPercent: percent().default(80).describe("Database CPU above this for two 5-minute periods (seed 003: 80 %)."),
    databaseConnectionsPercent: percent().default(80).describe("Connections above this share of max_connections for 5 minutes (seed 001: 80 %)."),
    databaseFreeStoragePercent: z.number().min(1).max(50).default(20).describe("Free storage below this share of the allocated storage (RDS instances; Aurora grows on its own)."),
    cacheCpuPercent: percent().default(80).describe("Redis engine CPU above this (the engine thread; seeds 000-003 page at 80 % for CPU)."),
    cacheMemoryPercent: percent().default(80).describe("Redis memory used above this (seed 004: Redis memory under 80 %)."),
    cacheEvictionsPer5Minutes: count(1000000).default(0).describe("Evicted keys per 5 minutes above which to page (seed 003 keeps sessions in Redis: any eviction loses one)."),
    lambdaErrorsPer5Minutes: count(100000).default(0).describe("Lambda errors per 5 minutes above which to page."),
    lambdaThrottlesPer5Minutes: count(100000).default(0).describe("Lambda throttles per 5 minutes above which to page."),
  })
  .strict();

export type AlarmThresholds = z.infer<typeof alarmThresholds>;

export const budgetSection = z
  .object({
    monthlyUsd: z.number().positive().max(1_000_000).describe("Monthly cost budget in USD for the resources tagged with this stack's Environment."),
    forecastPercent: z.number().int().min(1).max(1000).default(80).describe("E-mail when the forecast passes this share of the budget (seed 001 section 9: 80 %)."),
    actualPercent: z.number().int().min(1).max(1000).default(100).describe("Urgent e-mail when actual spend passes this share (seed 001 section 9: 100 %)."),
  })
  .strict();

const alarmKey = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "alarm keys: a-z, 0-9 and '-', starting with a letter, at most 40");
const severity = z.enum(["critical", "warning"]);
const emails = z
  .array(z.string().email("must be an e-mail address"))
  .min(1, "needs at least one address: alarms nobody receives page nobody")
  .max(10, "takes at most 10 addresses; subscribe a list address instead");

const logTextAlarm = z
  .object({
    service: z.string().describe("The ECS service whose log group (`/ecs/<prefix>/<service>`) is read."),
    text: z
      .string()
      .min(1)
      .max(100)
      .refine((t) => !t.includes('"'), "may not contain a double quote: the text is matched inside one")
      .describe("Text a line must contain, matched as written (Onno, section 7-1: `[ERROR]`)."),
    threshold: z.number().int().min(0).max(100000).default(0).describe("Matching lines in one period above which to page (0: any)."),
    periodMinutes: z.number().int().min(1).max(60).default(5).describe("Minutes of the count, 1-60."),
    severity: severity.default("critical").describe("The topic it pages: critical (the alert topic) or warning (`warnings`)."),
  })
  .strict();

const applicationAlarm = z
  .object({
    namespace: z.string().regex(/^[A-Za-z0-9_./-]{1,255}$/, "a CloudWatch namespace: letters, digits, '_', '.', '/', '-'").refine((n) => !n.startsWith("AWS/"), "AWS/ namespaces are AWS's own; this alarm is for the application's metrics").describe("The namespace the application publishes to (Onno, section 7-2: `Onno/Application`)."),
    metricName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,254}$/, "a metric name of letters, digits and '_'").describe("The metric (Onno: `WebSocket_Connections`)."),
    aggregate: z.enum(["SUM", "AVG", "MIN", "MAX"]).default("SUM").describe("Metrics Insights aggregate over every series of the metric, whatever its dimensions."),
    comparison: z.enum(["below", "above"]).describe("Page when the aggregate is below or above `threshold`."),
    threshold: z.number().min(0).describe("In the metric's unit."),
    periodMinutes: z.number().int().min(1).max(60).default(5).describe("Minutes of one datapoint, 1-60."),
    periods: z.number().int().min(1).max(10).default(1).describe("Consecutive breaching datapoints, 1-10."),
    severity: severity.default("warning").describe("The topic it pages."),
  })
  .strict();

export const observabilitySection = z
  .object({
    alertEmails: z
      .array(z.string().email("must be an e-mail address"))
      .min(1, "needs at least one address: alarms nobody receives page nobody")
      .max(10, "takes at most 10 addresses; subscribe a list address instead")
      .describe("Addresses subscribed to the stack's alert topic and the budget (SNS sends each a confirmation)."),
    alarms: alarmThresholds.describe("Alarm thresholds; the alarms' periods are the seeds' and live with the alarms."),
    dashboard: z.boolean().default(true).describe("A CloudWatch dashboard with the alarmed metrics."),
    taskCrashEvents: z
      .boolean()
      .default(false)
      .describe("ECS only: an EventBridge rule sends every task of the cluster that stops because an essential container exited or could not start to the alert topic, at once (Onno, section 7-2: ECS_Task_Crash). A CPU alarm sees a crash only when no task is left."),
    tracing: z
      .boolean()
      .default(false)
      .describe("ECS only: AWS X-Ray for every service: the X-Ray daemon as a sidecar in each task, AWS_XRAY_DAEMON_ADDRESS for the application's SDK and the task role's grant to upload traces (HookLabs, seed 000 monitoring module). The application must use an X-Ray SDK; traces are priced by `platform:cost.usage.xrayTracesMillions`."),
    warnings: z
      .object({ emails: emails.describe("Addresses subscribed to the warnings topic.") })
      .strict()
      .optional()
      .describe("A second topic, `<prefix>-warnings`, for warning-class alarms (Onno, section 7-2: onno-critical-alerts and onno-warnings); critical ones keep the alert topic. Every alarm pages the alert topic when omitted."),
    logTextAlarms: z
      .record(alarmKey, logTextAlarm)
      .default({})
      .describe("ECS only: per key, a CloudWatch Logs metric filter counting a service's log lines with a text, and its alarm (Onno, section 7-1: `[ERROR]` to SNS). The count is a custom metric (priced)."),
    applicationAlarms: z
      .record(alarmKey, applicationAlarm)
      .default({})
      .describe("Alarms on metrics the application publishes itself (Onno, section 7-2: WebSocket_Connection_Drop); INSUFFICIENT_DATA until it does."),
    budget: budgetSection.optional().describe("An AWS Budgets cost budget with forecast and actual alerts to alertEmails."),
  })
  .strict();
