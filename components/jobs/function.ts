import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DataStore, smsEnabledVariable, triggerKey } from "../../model/jobs/settings";
import { reachTags } from "../../model/security/reach";
import { StackContext } from "../shared/context";
import { policyJson, serviceTrustPolicy, Statement } from "../shared/iam";
import {
  bucketStatements,
  eventBusStatements,
  environmentKeyStatements,
  logStatements,
  queueSendStatements,
  secretResourceArn,
  secretStatements,
  sesStatements,
  smsStatements,
  vpcStatements,
} from "./permissions";
import type { DataStoreEndpoint, JobNetwork, JobSpec, ScheduleGroupRef } from "./spec";
import { EventTrigger, ScheduleTrigger } from "./triggers";

export interface JobFunctionArgs {
  /** Names the function's description; the account and region scope its role. */
  readonly context: StackContext;
  /** The job itself. */
  readonly job: JobSpec;
  /** Retention of the function's log group. */
  readonly logRetentionDays: number;
  /** Encrypts the function's log group (the security tier's logs key). */
  readonly logsKeyArn: pulumi.Input<string>;
  /** Pulumi `protect` on the log group and the dead-letter queue, which keeps the failed events to replay (protected environments). */
  readonly protect: boolean;
  /** Encrypts the dead-letter queue and the environment; also the key of the platform's secrets (the data key). */
  readonly dataKeyArn: pulumi.Input<string>;
  /** Where the function runs; required when `job.vpc`. */
  readonly vpc?: JobNetwork;
  /** The data tier's endpoints; a job that reaches a store not given here fails. */
  readonly dataStores: Readonly<Partial<Record<DataStore, DataStoreEndpoint>>>;
  /** Schedule group of the tier's schedules; required when the job has a schedule trigger. */
  readonly scheduleGroup?: ScheduleGroupRef;
  /** Its EventBridge rules and schedules are created DISABLED (a standby's jobs, until it serves). */
  readonly paused?: boolean;
}

/**
 * One Lambda job: its log group, dead-letter queue, role (written out per capability), the
 * function, its retry policy and its event/schedule triggers.
 *
 * Every job has its own role, queue and log group, so a job can only touch what its own settings
 * name. The log group is created first (Lambda would create one without retention or key), and
 * a failed asynchronous invocation ends in the job's queue instead of being dropped.
 */
export class JobFunction extends pulumi.ComponentResource {
  readonly function: aws.lambda.Function;
  readonly deadLetterQueue: aws.sqs.Queue;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly role: aws.iam.Role;
  readonly eventRules: { readonly key: string; readonly rule: aws.cloudwatch.EventRule }[] = [];

  constructor(name: string, args: JobFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:jobs:Function", name, {}, opts);
    const { context, job } = args;
    const parent = { parent: this };
    const vpc = job.vpc ? args.vpc : undefined;
    if (job.vpc && !vpc) throw new Error(`job ${job.key} runs in the VPC, but no network was given`);

    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/lambda/${job.functionName}`, retentionInDays: args.logRetentionDays, kmsKeyId: args.logsKeyArn },
      { parent: this, protect: args.protect },
    );
    this.deadLetterQueue = new aws.sqs.Queue(
      `${name}-dlq`,
      { name: `${job.functionName}-dlq`, kmsMasterKeyId: args.dataKeyArn, kmsDataKeyReusePeriodSeconds: 300, messageRetentionSeconds: deadLetterRetentionSeconds },
      { parent: this, protect: args.protect },
    );

    const stores = job.reaches.map((store) => {
      const endpoint = args.dataStores[store];
      if (!endpoint) throw new Error(`job ${job.key} reaches the ${store}, which the data tier did not provide`);
      return { store, endpoint };
    });
    const secretArns = [...Object.values(job.secrets).map((ref) => secretResourceArn(context, ref)), ...stores.map((s) => s.endpoint.secretArn)];

    this.role = new aws.iam.Role(
      `${name}-role`,
      { assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", context.accountId), description: `Runs the ${job.key} job` },
      parent,
    );
    const statements: Statement[] = [
      ...logStatements(this.logGroup.arn),
      ...queueSendStatements(context, "DeadLetters", this.deadLetterQueue.arn, args.dataKeyArn),
      ...(vpc ? vpcStatements(context, vpc) : []),
      ...secretStatements(context, secretArns, args.dataKeyArn),
      ...environmentKeyStatements(job.functionName, args.dataKeyArn),
      ...bucketStatements(context, job.buckets),
      ...sesStatements(context, job.sesIdentities, job.mailConfigurationSet),
      ...(job.sms ? smsStatements() : []),
      ...eventBusStatements(context, job.eventBuses),
    ];
    const policy = new aws.iam.RolePolicy(`${name}-policy`, { role: this.role.id, policy: policyJson(statements) }, parent);

    const variables: Record<string, pulumi.Input<string>> = { ...job.environment };
    if (job.sms) variables[smsEnabledVariable] = "true";
    for (const [key, ref] of Object.entries(job.secrets)) variables[`${key}_SECRET_ID`] = ref.kind === "arn" ? ref.arn : ref.name;
    for (const { store, endpoint } of stores) {
      const prefix = store.toUpperCase();
      variables[`${prefix}_HOST`] = endpoint.host;
      variables[`${prefix}_PORT`] = pulumi.output(endpoint.port).apply(String);
      variables[`${prefix}_SECRET_ID`] = endpoint.secretArn;
    }

    this.function = new aws.lambda.Function(
      name,
      {
        name: job.functionName,
        description: `${context.namePrefix} ${job.key} job`,
        runtime: job.runtime,
        handler: job.handler,
        code: new pulumi.asset.FileArchive(job.codeDirectory),
        architectures: [job.architecture],
        memorySize: job.memoryMb,
        timeout: job.timeoutSeconds,
        role: this.role.arn,
        environment: Object.keys(variables).length > 0 ? { variables } : undefined,
        // With a customer key, only principals allowed on the key can read the configuration.
        kmsKeyArn: args.dataKeyArn,
        deadLetterConfig: { targetArn: this.deadLetterQueue.arn },
        reservedConcurrentExecutions: job.reservedConcurrency,
        vpcConfig: vpc ? { subnetIds: [...vpc.subnetIds], securityGroupIds: [vpc.securityGroupId] } : undefined,
        // The job's declaration, which the policy pack checks its group's rules against.
        tags: vpc ? reachTags({ stores: job.reaches }) : undefined,
        loggingConfig: { logFormat: "JSON", logGroup: this.logGroup.name, applicationLogLevel: "INFO", systemLogLevel: "WARN" },
      },
      // Lambda checks the role's VPC permissions at creation, and must not create the log group itself.
      { parent: this, dependsOn: [policy, this.logGroup] },
    );
    new aws.lambda.FunctionEventInvokeConfig(
      `${name}-async`,
      { functionName: this.function.name, maximumRetryAttempts: job.retryAttempts, maximumEventAgeInSeconds: 21600 },
      parent,
    );

    for (const trigger of job.triggers) {
      if (trigger.type === "event") {
        const event = new EventTrigger(`${name}-${triggerKey(trigger)}`, { context, job, trigger, functionArn: this.function.arn, paused: args.paused }, parent);
        this.eventRules.push({ key: triggerKey(trigger), rule: event.rule });
      } else if (trigger.type === "schedule") {
        if (!args.scheduleGroup) throw new Error(`job ${job.key} has a schedule but the tier made no schedule group`);
        new ScheduleTrigger(
          `${name}-${triggerKey(trigger)}`,
          { context, job, trigger, functionArn: this.function.arn, deadLetterQueueArn: this.deadLetterQueue.arn, queueKeyArn: args.dataKeyArn, group: args.scheduleGroup, paused: args.paused },
          parent,
        );
      }
    }

    this.registerOutputs({ functionName: this.function.name, functionArn: this.function.arn, deadLetterQueueArn: this.deadLetterQueue.arn });
  }
}

/** Dead letters wait the longest SQS allows (14 days) for someone to look at them. */
const deadLetterRetentionSeconds = 1_209_600;
