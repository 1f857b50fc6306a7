import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import type { StackContext } from "../shared/context";
import { policyJson, serviceTrustPolicy } from "../shared/iam";
import type { LogGroupArgs } from "../shared/logs";
import { jsonText } from "../shared/json";

/** A secret its owner rotates, and the age after which the check reminds. */
export interface AgedSecret {
  /** The key of `platform:appSecrets`. */
  readonly key: string;
  readonly secretArn: pulumi.Input<string>;
  /** Days after the last change of the value at which the reminder fires. */
  readonly maxAgeDays: number;
}

export interface SecretAgeCheckArgs {
  readonly context: StackContext;
  readonly secrets: readonly AgedSecret[];
  /** The alert topic the reminder goes to. */
  readonly topicArn: pulumi.Input<string>;
  /** The topic's key (the logs key): publishing to an encrypted topic uses it through SNS. */
  readonly topicKeyArn: pulumi.Input<string>;
  /** The function's log group; its key also encrypts the function's environment. */
  readonly logs: LogGroupArgs;
}

/** Where the function's code is, relative to the project root. */
export const secretAgeCodeDirectory = path.join("jobs", "secret-age");

/**
 * The reminder for external secrets (a vendor's API key), which only their owner can rotate: a
 * daily EventBridge schedule runs jobs/secret-age, which reads each secret's LastChangedDate
 * (never its value) and publishes to the alert topic when one is older than its limit. Secrets
 * Manager has no metric of a secret's age, and AWS Config's periodic-rotation rule judges
 * rotations Secrets Manager ran, not values an operator put.
 */
export class SecretAgeCheck extends pulumi.ComponentResource {
  readonly function: aws.lambda.Function;

  constructor(name: string, args: SecretAgeCheckArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:observability:SecretAgeCheck", name, {}, opts);
    const { context } = args;
    const parent = { parent: this };
    const functionName = `${context.namePrefix}-secret-age`;
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/lambda/${functionName}`, retentionInDays: args.logs.retentionDays, kmsKeyId: args.logs.kmsKeyArn },
      { parent: this, protect: args.logs.protect },
    );
    const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", context.accountId), description: "Checks the age of externally rotated secrets" }, parent);
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.id,
        policy: policyJson([
          { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${logGroup.arn}:*` },
          // Metadata only: DescribeSecret returns dates and version stages, never the value.
          { Sid: "DescribeCheckedSecrets", Effect: "Allow", Action: ["secretsmanager:DescribeSecret"], Resource: args.secrets.map((s) => s.secretArn) },
          { Sid: "PublishReminder", Effect: "Allow", Action: ["sns:Publish"], Resource: args.topicArn },
          {
            Sid: "UseTopicKey",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: args.topicKeyArn,
            Condition: { StringEquals: { "kms:ViaService": `sns.${context.region}.amazonaws.com` } },
          },
          {
            Sid: "DecryptOwnEnvironment",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: args.logs.kmsKeyArn,
            Condition: { StringEquals: { "kms:EncryptionContext:LambdaFunctionName": functionName } },
          },
        ]),
      },
      parent,
    );
    const secrets = jsonText(args.secrets.map((s) => ({ key: s.key, secretId: s.secretArn, maxAgeDays: s.maxAgeDays })));
    this.function = new aws.lambda.Function(
      name,
      {
        name: functionName,
        description: `${context.namePrefix}: reminds of secrets their owner rotates`,
        runtime: "nodejs20.x",
        handler: "index.handler",
        code: new pulumi.asset.FileArchive(secretAgeCodeDirectory),
        architectures: ["arm64"],
        memorySize: 128,
        timeout: 60,
        role: role.arn,
        environment: { variables: { SECRETS: secrets, TOPIC_ARN: args.topicArn, STACK: context.namePrefix } },
        kmsKeyArn: args.logs.kmsKeyArn,
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name, applicationLogLevel: "INFO", systemLogLevel: "WARN" },
      },
      { parent: this, dependsOn: [policy, logGroup] },
    );
    const rule = new aws.cloudwatch.EventRule(`${name}-daily`, { name: `${functionName}-daily`, description: "Daily check of externally rotated secrets' age", scheduleExpression: "rate(1 day)" }, parent);
    const invoke = new aws.lambda.Permission(
      `${name}-invoke`,
      { action: "lambda:InvokeFunction", function: this.function.name, principal: "events.amazonaws.com", sourceArn: rule.arn, sourceAccount: context.accountId },
      parent,
    );
    new aws.cloudwatch.EventTarget(`${name}-target`, { rule: rule.name, arn: this.function.arn }, { parent: this, dependsOn: [invoke] });
    this.registerOutputs({ functionName: this.function.name });
  }
}
