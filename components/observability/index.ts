import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmSeverity, AlarmThresholds, ApplicationAlarmSettings, BudgetSettings } from "../../model/observability/settings";
import { customAlarms, LogTextAlarmTarget } from "./custom-alarms";
import { alarmName } from "../../model/observability/alarm-keys";
import { StackContext } from "../shared/context";
import { TierComponent } from "../shared/tier";
import {
  AlarmSpec,
  alarmSeverity,
  backupAlarms,
  cacheAlarms,
  CacheTarget,
  databaseAlarms,
  DatabaseTarget,
  jobAlarms,
  JobTarget,
  loadBalancerAlarms,
  LoadBalancerTarget,
  serviceAlarms,
  ServiceTarget,
} from "./alarms";
import { taskCrashRule, topicPolicy } from "./alert-topic";
import { DashboardAlarm, dashboardBody, dashboardOrder, dashboardPages } from "./dashboard";

import { AgedSecret, SecretAgeCheck } from "./secret-age";

export type { AgedSecret } from "./secret-age";
export type { LogTextAlarmTarget } from "./custom-alarms";
export type { CacheTarget, DatabaseTarget, JobTarget, LoadBalancerTarget, ServiceTarget } from "./alarms";
export type { DashboardAlarm, DashboardGraph } from "./dashboard";

export interface ObservabilityArgs {
  /** Names the topic, alarms, dashboard and budget after the stack; the account scopes the topic policy. */
  readonly context: StackContext;
  /** Subscribed by e-mail to the alert topic and the budget. */
  readonly alertEmails: readonly string[];
  /** A warnings topic with these subscribers for warning-class alarms; every alarm pages the alert topic when omitted. */
  readonly warningEmails?: readonly string[];
  /** Log-text alarms: a metric filter on a service's log group and its alarm. */
  readonly logTexts: readonly LogTextAlarmTarget[];
  /** Alarms on metrics the application publishes, by key. */
  readonly applicationAlarms: Readonly<Record<string, ApplicationAlarmSettings>>;
  /** The stack's alarm thresholds (`platform:observability.alarms`). */
  readonly thresholds: AlarmThresholds;
  /** Encrypts the alert topic (the key policy lets CloudWatch use it). */
  readonly logsKeyArn: pulumi.Input<string>;
  /** Alarm targets; an alarm exists only for what the stack has. ECS services (EKS pods are Prometheus's). */
  readonly services: readonly ServiceTarget[];
  /** The edge tier's load balancers and target groups. */
  readonly loadBalancers: readonly LoadBalancerTarget[];
  /** The data tier's database; no database alarms when omitted. */
  readonly database?: DatabaseTarget;
  /** The data tier's cache; no cache alarms when omitted. */
  readonly cache?: CacheTarget;
  /** The jobs tier's functions. */
  readonly jobs: readonly JobTarget[];
  /** The backup tier's vault: failed backup jobs (and copies, when the plan copies); none when omitted. */
  readonly backupVault?: {
    /** The vault's name (a metric dimension). */
    readonly name: pulumi.Input<string>;
    /** The plan copies recovery points to the standby's vault: failed copies alarm too. */
    readonly copies: boolean;
  };
  /** Secrets their owner rotates, checked daily against their age; no check when empty. */
  readonly agedSecrets: readonly AgedSecret[];
  /** Retention and protection of the age check's log group (the logs key encrypts it). */
  readonly logs: { readonly retentionDays: number; readonly protect: boolean };
  /** CloudWatch dashboards of the alarmed metrics, drawn by `drawDashboards` once every tier's alarms exist. */
  readonly dashboard: boolean;
  /**
   * The ECS cluster whose crashed tasks go to the alert topic through EventBridge (Onno: ECS task
   * crash); none when omitted. The logs key must let EventBridge use it (security tier).
   */
  readonly taskCrashes?: { readonly clusterArn: pulumi.Input<string> };
  /**
   * The SES configuration set whose bounces and complaints come to the alert topic
   * (`platform:mail`); SES may publish for it only. The logs key must let SES use it (security tier).
   */
  readonly mailFeedback?: { readonly configurationSetArn: pulumi.Input<string> };
  /** AWS Budgets monthly cost budget for resources tagged `Environment=<environmentTag>`; none when omitted. */
  readonly budget?: BudgetSettings & {
    /** The stack's Environment tag value, which the budget filters on. */
    readonly environmentTag: string;
  };
}

/**
 * The observability tier: one encrypted SNS alert topic per stack with
 * the on-call e-mails, the seeds' alarms on everything the stack runs, a dashboard of the same
 * metrics, and the monthly budget (seed 001 section 9).
 *
 * The alarms are data first (alarms/) and resources second: the dashboard is drawn from the same
 * specs, so it never shows a metric nobody alarms on or misses one that pages. Tiers hand in
 * targets (names and dimensions), never settings, so this tier needs no knowledge of how they
 * were built.
 *
 * The dashboards come last (`drawDashboards`): a tier built after this one alarms through its
 * topic too (the dr tier's readiness check), and its alarm belongs on them as much as these.
 */
export class Observability extends TierComponent {
  readonly topic: aws.sns.Topic;
  /** The warnings topic, when the stack separates warnings from critical alarms. */
  readonly warningsTopic?: aws.sns.Topic;
  readonly alarms: Record<string, aws.cloudwatch.MetricAlarm> = {};
  readonly budget?: aws.budgets.Budget;
  /** This tier's alarms with their graphs, in the order they were made. */
  private readonly graphed: DashboardAlarm[] = [];
  /** What `drawDashboards` needs of the args: the names and whether the stack wants dashboards. */
  private readonly dashboardSettings: { readonly logicalName: string; readonly context: StackContext; readonly wanted: boolean };
  private drawn?: readonly aws.cloudwatch.Dashboard[];

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("observability", "Observability", name, opts);
    const parent = { parent: this };
    const { context } = args;
    this.dashboardSettings = { logicalName: name, context, wanted: args.dashboard };

    this.topic = new aws.sns.Topic(`${name}-alerts`, { name: `${context.namePrefix}-alerts`, kmsMasterKeyId: args.logsKeyArn }, parent);
    const crashRule = args.taskCrashes ? taskCrashRule(`${name}-task-crash`, context, args.taskCrashes.clusterArn, this) : undefined;
    new aws.sns.TopicPolicy(`${name}-alerts`, { arn: this.topic.arn, policy: topicPolicy(context, this.topic.arn, crashRule?.arn, args.mailFeedback?.configurationSetArn) }, parent);
    if (crashRule) {
      // The event itself is the message: which task, which container, its exit code and reason.
      new aws.cloudwatch.EventTarget(`${name}-task-crash`, { rule: crashRule.name, arn: this.topic.arn }, parent);
    }
    for (const email of args.alertEmails) {
      new aws.sns.TopicSubscription(`${name}-alerts-${emailKey(email)}`, { topic: this.topic.arn, protocol: "email", endpoint: email }, parent);
    }
    if (args.warningEmails) {
      // Onno, section 7-2: onno-warnings beside onno-critical-alerts; the same key and the same grants, no EventBridge rule.
      const warnings = new aws.sns.Topic(`${name}-warnings`, { name: `${context.namePrefix}-warnings`, kmsMasterKeyId: args.logsKeyArn }, parent);
      new aws.sns.TopicPolicy(`${name}-warnings`, { arn: warnings.arn, policy: topicPolicy(context, warnings.arn) }, parent);
      for (const email of args.warningEmails) {
        new aws.sns.TopicSubscription(`${name}-warnings-${emailKey(email)}`, { topic: warnings.arn, protocol: "email", endpoint: email }, parent);
      }
      this.warningsTopic = warnings;
    }
    const topics: Record<AlarmSeverity, pulumi.Input<string>> = { critical: this.topic.arn, warning: (this.warningsTopic ?? this.topic).arn };

    if (args.agedSecrets.length > 0) {
      new SecretAgeCheck(
        `${name}-secret-age`,
        { context, secrets: args.agedSecrets, topicArn: this.topic.arn, topicKeyArn: args.logsKeyArn, logs: { ...args.logs, kmsKeyArn: args.logsKeyArn } },
        parent,
      );
    }

    const specs: AlarmSpec[] = [
      ...serviceAlarms(args.services, args.thresholds),
      ...loadBalancerAlarms(args.loadBalancers, args.thresholds),
      ...(args.database ? databaseAlarms(args.database, args.thresholds) : []),
      ...(args.cache ? cacheAlarms(args.cache, args.thresholds) : []),
      ...jobAlarms(args.jobs, args.thresholds),
      ...(args.backupVault ? backupAlarms(args.backupVault.name, args.backupVault.copies) : []),
    ];
    for (const spec of specs) {
      if (this.alarms[spec.key]) throw new Error(`two alarms share the key ${spec.key}`);
      const alarm = new aws.cloudwatch.MetricAlarm(`${name}-${spec.key}`, alarmArgs(context, spec, topics[alarmSeverity(spec.key)]), parent);
      this.alarms[spec.key] = alarm;
      this.graphed.push({ graph: spec, arn: alarm.arn });
    }
    for (const [key, custom] of Object.entries(customAlarms(name, { context, logTexts: args.logTexts, applications: args.applicationAlarms, topics }, this))) {
      if (this.alarms[key]) throw new Error(`two alarms share the key ${key}`);
      this.alarms[key] = custom.alarm;
      this.graphed.push(custom);
    }

    if (args.budget) {
      const { monthlyUsd, forecastPercent, actualPercent, environmentTag } = args.budget;
      const emails = [...args.alertEmails];
      this.budget = new aws.budgets.Budget(
        `${name}-budget`,
        {
          name: `${context.namePrefix}-monthly`,
          budgetType: "COST",
          timeUnit: "MONTHLY",
          limitAmount: monthlyUsd.toFixed(2),
          limitUnit: "USD",
          // Budgets see the whole account: the Environment cost-allocation tag narrows it to this stack.
          costFilters: [{ name: "TagKeyValue", values: [`user:Environment$${environmentTag}`] }],
          notifications: [
            { notificationType: "FORECASTED", comparisonOperator: "GREATER_THAN", threshold: forecastPercent, thresholdType: "PERCENTAGE", subscriberEmailAddresses: emails },
            { notificationType: "ACTUAL", comparisonOperator: "GREATER_THAN", threshold: actualPercent, thresholdType: "PERCENTAGE", subscriberEmailAddresses: emails },
          ],
        },
        parent,
      );
    }

    this.registerOutputs({
      alertTopicArn: this.topic.arn,
      warningsTopicArn: this.warningsTopic?.arn,
      alarmNames: Object.values(this.alarms).map((a) => a.name),
    });
  }

  /** The dashboards drawn so far: none before `drawDashboards`, none when the stack wants none. */
  get dashboards(): readonly aws.cloudwatch.Dashboard[] {
    return this.drawn ?? [];
  }

  /**
   * Draws this tier's alarms and `more` (the alarms of tiers built after it) on the stack's
   * dashboards, once: call it after the last tier that alarms. One dashboard while the alarms fit
   * (the first keeps its name), more when they do not.
   */
  drawDashboards(more: readonly DashboardAlarm[]): readonly aws.cloudwatch.Dashboard[] {
    const { logicalName, context, wanted } = this.dashboardSettings;
    if (this.drawn) throw new Error(`${logicalName}: the dashboards are drawn once, after every tier's alarms`);
    const alarms = [...this.graphed, ...more];
    const keys = new Set<string>();
    for (const { graph } of alarms) {
      if (keys.has(graph.key)) throw new Error(`two alarms share the key ${graph.key}`);
      keys.add(graph.key);
    }
    const pages = wanted && alarms.length > 0 ? dashboardPages(dashboardOrder(alarms.map((alarm) => alarm.graph))) : [];
    this.drawn = pages.map((page, index) => {
      // The status widget lists the page's alarms in the order they were made.
      const onPage = new Set(page.map((graph) => graph.key));
      const arns = alarms.filter((alarm) => onPage.has(alarm.graph.key)).map((alarm) => alarm.arn);
      const suffix = index === 0 ? "" : `-${index + 1}`;
      return new aws.cloudwatch.Dashboard(
        `${logicalName}-dashboard${suffix}`,
        { dashboardName: `${context.namePrefix}${suffix}`, dashboardBody: dashboardBody(context.region, page, arns) },
        { parent: this },
      );
    });
    return this.drawn;
  }
}

function alarmArgs(context: StackContext, spec: AlarmSpec, topicArn: pulumi.Input<string>): aws.cloudwatch.MetricAlarmArgs {
  const common = {
    // ECS names the same alarms as rollback alarms (model/observability/alarm-keys.ts).
    name: alarmName(context.namePrefix, spec.key),
    alarmDescription: spec.description,
    comparisonOperator: spec.comparison,
    threshold: spec.threshold,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm,
    treatMissingData: spec.treatMissingData,
    // Paged when it breaks and told when it recovers.
    alarmActions: [topicArn],
    okActions: [topicArn],
  };
  if (spec.expression) {
    return {
      ...common,
      metricQueries: [
        { id: "e0", expression: spec.expression, label: spec.key, returnData: true },
        ...spec.metrics.map((m, i) => ({
          id: `m${i}`,
          returnData: false,
          metric: { namespace: m.namespace, metricName: m.metricName, dimensions: { ...m.dimensions }, period: spec.periodSeconds, stat: m.stat },
        })),
      ],
    };
  }
  const [metric] = spec.metrics;
  const percentile = /^p\d/.test(metric.stat);
  return {
    ...common,
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: { ...metric.dimensions },
    period: spec.periodSeconds,
    ...(percentile ? { extendedStatistic: metric.stat } : { statistic: metric.stat }),
  };
}

/**
 * The account administers the topic; CloudWatch alarms of this account may publish; nothing is
 * accepted over plain HTTP. Budgets e-mail their subscribers directly and need no grant here.
 */
/** `on-call@example.com` -> `on-call-at-example-com`: a stable logical-name key per address. */
export function emailKey(email: string): string {
  return email.toLowerCase().replace("@", "-at-").replace(/[^a-z0-9]+/g, "-");
}
