import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DataStore, triggerKey } from "../../model/jobs/settings";
import { StackContext } from "../shared/context";
import { TierComponent } from "../shared/tier";
import { JobFunction } from "./function";
import type { DataStoreEndpoint, JobNetwork, JobsNetwork, JobSpec } from "./spec";

export type { DataStoreEndpoint, JobNetwork, JobsNetwork, JobSpec } from "./spec";

export interface JobsArgs {
  /** Names the schedule group `<namePrefix>-jobs`; the account limits who may invoke on S3's behalf. */
  readonly context: StackContext;
  /** One Lambda function per entry, keyed by `key`. */
  readonly jobs: readonly JobSpec[];
  /** Retention of the jobs' log groups (seed 003: 14 days). */
  readonly logRetentionDays: number;
  /** Encrypts the jobs' log groups (the security tier's logs key). */
  readonly logsKeyArn: pulumi.Input<string>;
  /** Pulumi `protect` on each job's log group and dead-letter queue (protected environments). */
  readonly protect: boolean;
  /** Encrypts dead-letter queues; the platform's secrets are under it too. */
  readonly dataKeyArn: pulumi.Input<string>;
  /** Where `vpc: true` jobs run: the private-app subnets, and a security group per job. */
  readonly vpc: JobsNetwork;
  /**
   * The storage tier's buckets by key, for S3 triggers. `backup`: AWS Backup follows the bucket
   * through EventBridge, so its notification configuration keeps EventBridge delivery on.
   */
  readonly buckets: Readonly<
    Record<
      string,
      {
        /** The bucket's name: its notification configuration is put on it. */
        readonly bucketName: pulumi.Input<string>;
        /** The bucket's ARN: only S3 events from it may invoke the function. */
        readonly arn: pulumi.Input<string>;
        /** AWS Backup protects the bucket (EventBridge delivery stays on). */
        readonly backup?: boolean;
      }
    >
  >;
  /** The data tier's endpoints, for jobs that reach them; empty in a stack without a data tier. */
  readonly dataStores: Readonly<Partial<Record<DataStore, DataStoreEndpoint>>>;
  /**
   * No job is triggered: EventBridge rules and schedules DISABLED, no S3 notifications. A standby's
   * jobs while it stands by, so they neither write into the replicas nor act on replicated events
   * that the primary's jobs already handled; its `serving` state turns them on.
   */
  readonly paused?: boolean;
}

/** What the observability tier alarms on, per job. */
export interface JobMonitoring {
  /** The job's key. */
  readonly key: string;
  readonly functionName: pulumi.Output<string>;
  readonly deadLetterQueueName: pulumi.Output<string>;
  /** The job's EventBridge rules, by trigger key, with the bus each is on. */
  readonly eventRuleNames: readonly { readonly key: string; readonly name: pulumi.Output<string>; readonly bus: string }[];
}

/**
 * The jobs tier: Lambda functions from the config list (seeds 003 and 004), each with its
 * dead-letter queue, role, log group and triggers. S3 triggers are gathered into one notification
 * configuration per bucket, because S3 keeps exactly one per bucket and replaces it whole.
 */
export class Jobs extends TierComponent {
  readonly functions: Record<string, JobFunction> = {};
  readonly monitoring: JobMonitoring[] = [];
  readonly scheduleGroup?: aws.scheduler.ScheduleGroup;

  constructor(name: string, args: JobsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("jobs", "Jobs", name, opts);
    const parent = { parent: this };

    if (args.jobs.some((job) => job.triggers.some((t) => t.type === "schedule"))) {
      this.scheduleGroup = new aws.scheduler.ScheduleGroup(`${name}-jobs`, { name: `${args.context.namePrefix}-jobs` }, parent);
    }
    const group = this.scheduleGroup ? { name: this.scheduleGroup.name, arn: this.scheduleGroup.arn } : undefined;

    const notifications = new Map<string, { targets: aws.types.input.s3.BucketNotificationLambdaFunction[]; permissions: aws.lambda.Permission[] }>();
    for (const job of args.jobs) {
      const fn = new JobFunction(
        `${name}-${job.key}`,
        {
          context: args.context,
          job,
          logRetentionDays: args.logRetentionDays,
          logsKeyArn: args.logsKeyArn,
          protect: args.protect,
          dataKeyArn: args.dataKeyArn,
          vpc: job.vpc ? jobNetwork(args.vpc, job.key) : undefined,
          dataStores: args.dataStores,
          scheduleGroup: group,
          paused: args.paused,
        },
        parent,
      );
      this.functions[job.key] = fn;

      for (const trigger of job.triggers) {
        if (trigger.type !== "s3" || args.paused) continue;
        const bucket = args.buckets[trigger.bucket];
        if (!bucket) throw new Error(`job ${job.key}: S3 trigger on unknown bucket ${trigger.bucket}`);
        // Only S3 events from this bucket in this account may invoke the function.
        const permission = new aws.lambda.Permission(
          `${name}-${job.key}-${triggerKey(trigger)}`,
          { function: fn.function.arn, action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceArn: bucket.arn, sourceAccount: args.context.accountId },
          { parent: fn },
        );
        const entry = notifications.get(trigger.bucket) ?? { targets: [], permissions: [] };
        entry.targets.push({
          id: `${job.key}-${triggerKey(trigger)}`,
          lambdaFunctionArn: fn.function.arn,
          events: ["s3:ObjectCreated:*"],
          filterPrefix: trigger.prefix || undefined,
          filterSuffix: trigger.suffix || undefined,
        });
        entry.permissions.push(permission);
        notifications.set(trigger.bucket, entry);
      }
      this.monitoring.push({
        key: job.key,
        functionName: fn.function.name,
        deadLetterQueueName: fn.deadLetterQueue.name,
        eventRuleNames: fn.eventRules.map(({ key, rule }) => ({ key, name: rule.name, bus: busOf(job, key) })),
      });
    }

    for (const [bucketKey, { targets, permissions }] of notifications) {
      // S3 tests the permission when the configuration is put: the permissions must exist first.
      // The configuration is the bucket's whole notification setup, so AWS Backup's EventBridge
      // delivery is declared here too, or every `up` would switch it off again.
      new aws.s3.BucketNotification(
        `${name}-${bucketKey}-notifications`,
        { bucket: args.buckets[bucketKey].bucketName, lambdaFunctions: targets, eventbridge: args.buckets[bucketKey].backup === true ? true : undefined },
        { parent: this, dependsOn: permissions },
      );
    }

    this.registerOutputs({
      functionNames: Object.fromEntries(Object.entries(this.functions).map(([key, fn]) => [key, fn.function.name])),
      deadLetterQueueUrls: Object.fromEntries(Object.entries(this.functions).map(([key, fn]) => [key, fn.deadLetterQueue.url])),
    });
  }
}

function busOf(job: JobSpec, key: string): string {
  const trigger = job.triggers.find((t) => t.type === "event" && triggerKey(t) === key);
  return trigger?.type === "event" ? trigger.bus : "default";
}

/** A VPC job's network: the tier's subnets, and its own group. */
function jobNetwork(vpc: JobsNetwork, job: string): JobNetwork {
  const securityGroupId = vpc.securityGroupIds[job];
  if (securityGroupId === undefined) throw new Error(`job ${job} runs in the VPC, but the security tier built no group for it`);
  return { vpcId: vpc.vpcId, subnetIds: vpc.subnetIds, securityGroupId };
}
