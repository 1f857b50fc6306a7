import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import type { StackContext } from "./context";
import { policyJson, serviceTrustPolicy, Statement } from "./iam";
import type { LogGroupArgs } from "./logs";

/** What the rotation function changes besides the secret (ROTATION_KIND of jobs/secret-rotation). */
export type RotationTarget =
  | { readonly kind: "rds-instance"; readonly identifier: pulumi.Input<string>; readonly arn: pulumi.Input<string> }
  | { readonly kind: "rds-cluster"; readonly identifier: pulumi.Input<string>; readonly arn: pulumi.Input<string> }
  | { readonly kind: "elasticache"; readonly identifier: pulumi.Input<string>; readonly arn: pulumi.Input<string> }
  | { readonly kind: "generated" }
  /** A standby's copy of its primary's credentials: the primary's secret and the key that encrypts it, in the primary's region. */
  | { readonly kind: "follow"; readonly sourceSecretArn: pulumi.Input<string>; readonly sourceKeyArn: pulumi.Input<string>; readonly sourceRegion: pulumi.Input<string> };

/** An ECS service to restart after a rotation: ECS injects secrets at task start only. */
export interface RedeployTarget {
  readonly cluster: string;
  readonly service: string;
}

/** How a tier's rotators run: the stack, the functions' log groups and the services to restart. */
export interface RotationArgs {
  readonly context: StackContext;
  /** The functions' log groups: the stack's retention, its logs key, protection. */
  readonly logs: LogGroupArgs;
  /** Services that read the tier's secrets at task start, by the secret reference they use (`database`, `cache`, an app secret key). */
  readonly redeploy: Readonly<Record<string, readonly RedeployTarget[]>>;
}

/** The schedule and the function's log settings. */
export interface RotationSchedule {
  /** Days between rotations, 1-365 (config checks; Secrets Manager allows 1-1000). */
  readonly everyDays: number;
  /** The function's log group. */
  readonly logs: LogGroupArgs;
}

export interface SecretRotatorArgs {
  readonly context: StackContext;
  /** Stable key, part of the function's name: `database`, `cache`, `jwt`. */
  readonly key: string;
  /** The secret to rotate. */
  readonly secretArn: pulumi.Input<string>;
  /** The key that encrypts the secret (the data key). */
  readonly secretKeyArn: pulumi.Input<string>;
  readonly target: RotationTarget;
  /** The JSON field that holds the value; absent when the whole secret is the value. */
  readonly valueKey?: string;
  /** Length of a new value, and the special characters the store accepts besides letters and digits. */
  readonly valueLength: number;
  readonly valueSpecials: string;
  readonly schedule: RotationSchedule;
  /** Services whose tasks read the secret at start: restarted after each rotation. */
  readonly redeploy: readonly RedeployTarget[];
}

/** Where the function's code is, relative to the project root (where Pulumi and the plan run). */
export const rotationCodeDirectory = path.join("jobs", "secret-rotation");

/**
 * A secret's rotation: Secrets Manager calls a function of our own (jobs/secret-rotation) on the
 * schedule. One function per secret, with its own role that may touch that secret, that store and
 * those services only, so a rotator cannot change another store's credentials.
 *
 * Not RDS-managed master passwords (manageMasterUserPassword): RDS does not manage the password of
 * an instance that has read replicas, of an Aurora global database member or of a cross-region
 * replica ("Limitations for Secrets Manager integration", RDS and Aurora User Guides), which are
 * the seeds' read replica (NewsForge) and every standby region's copy (Onno, HookLabs). The
 * function changes the master password through RDS's API, so it runs outside the VPC and needs no
 * network path to the database; the replicas receive the new password through replication.
 */
export class SecretRotator extends pulumi.ComponentResource {
  readonly function: aws.lambda.Function;
  readonly rotation: aws.secretsmanager.SecretRotation;

  constructor(name: string, args: SecretRotatorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:shared:SecretRotator", name, {}, opts);
    const { context } = args;
    const parent = { parent: this };
    const functionName = `${context.namePrefix}-rotate-${args.key}`;
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: `/aws/lambda/${functionName}`, retentionInDays: args.schedule.logs.retentionDays, kmsKeyId: args.schedule.logs.kmsKeyArn },
      { parent: this, protect: args.schedule.logs.protect },
    );
    const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: serviceTrustPolicy("lambda.amazonaws.com", context.accountId), description: `Rotates ${args.key}'s secret` }, parent);
    const policy = new aws.iam.RolePolicy(`${name}-policy`, { role: role.id, policy: policyJson(rotationStatements(args, logGroup.arn, functionName)) }, parent);

    const target = args.target;
    const variables: Record<string, pulumi.Input<string>> = {
      ROTATION_KIND: target.kind,
      VALUE_LENGTH: String(args.valueLength),
      VALUE_SPECIALS: args.valueSpecials,
      REDEPLOY_SERVICES: JSON.stringify(args.redeploy),
      ...(target.kind === "generated" ? {} : target.kind === "follow" ? { SOURCE_SECRET_ARN: target.sourceSecretArn } : { TARGET_ID: target.identifier }),
      ...(args.valueKey ? { VALUE_KEY: args.valueKey } : {}),
    };
    this.function = new aws.lambda.Function(
      name,
      {
        name: functionName,
        description: `${context.namePrefix}: rotates the ${args.key} secret`,
        runtime: "nodejs20.x",
        handler: "index.handler",
        code: new pulumi.asset.FileArchive(rotationCodeDirectory),
        architectures: ["arm64"],
        memorySize: 128,
        // testSecret waits for RDS to apply the password (40 checks, 5 s apart).
        timeout: 300,
        role: role.arn,
        environment: { variables },
        kmsKeyArn: args.secretKeyArn,
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name, applicationLogLevel: "INFO", systemLogLevel: "WARN" },
      },
      { parent: this, dependsOn: [policy, logGroup] },
    );
    // Secrets Manager invokes the function for this secret only (the confused-deputy guard).
    const permission = new aws.lambda.Permission(
      `${name}-invoke`,
      { action: "lambda:InvokeFunction", function: this.function.name, principal: "secretsmanager.amazonaws.com", sourceArn: args.secretArn, sourceAccount: context.accountId },
      parent,
    );
    this.rotation = new aws.secretsmanager.SecretRotation(
      `${name}-rotation`,
      { secretId: args.secretArn, rotationLambdaArn: this.function.arn, rotationRules: { automaticallyAfterDays: args.schedule.everyDays } },
      { parent: this, dependsOn: [permission] },
    );
    this.registerOutputs({ functionName: this.function.name });
  }
}

/** The function's role, action by action: its log group, its secret, its store, its services. */
export function rotationStatements(args: SecretRotatorArgs, logGroupArn: pulumi.Input<string>, functionName: string): Statement[] {
  const { context } = args;
  const statements: Statement[] = [
    { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${logGroupArn}:*` },
    {
      Sid: "RotateOwnSecret",
      Effect: "Allow",
      Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"],
      Resource: args.secretArn,
    },
    {
      // The secret is encrypted with the data key; reading and writing it go through Secrets Manager only.
      Sid: "UseSecretKey",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: args.secretKeyArn,
      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${context.region}.amazonaws.com` } },
    },
    {
      Sid: "DecryptOwnEnvironment",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: args.secretKeyArn,
      Condition: { StringEquals: { "kms:EncryptionContext:LambdaFunctionName": functionName } },
    },
  ];
  const target = args.target;
  if (target.kind === "rds-instance") statements.push({ Sid: "SetMasterPassword", Effect: "Allow", Action: ["rds:DescribeDBInstances", "rds:ModifyDBInstance"], Resource: target.arn });
  if (target.kind === "rds-cluster") statements.push({ Sid: "SetMasterPassword", Effect: "Allow", Action: ["rds:DescribeDBClusters", "rds:ModifyDBCluster"], Resource: target.arn });
  if (target.kind === "elasticache") statements.push({ Sid: "SetAuthToken", Effect: "Allow", Action: ["elasticache:DescribeReplicationGroups", "elasticache:ModifyReplicationGroup"], Resource: target.arn });
  if (target.kind === "follow") {
    statements.push(
      { Sid: "ReadPrimarySecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: target.sourceSecretArn },
      {
        Sid: "DecryptPrimarySecret",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: target.sourceKeyArn,
        Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`secretsmanager.${target.sourceRegion}.amazonaws.com` } },
      },
    );
  }
  if (args.redeploy.length > 0) {
    statements.push({
      Sid: "RestartReadingServices",
      Effect: "Allow",
      Action: ["ecs:UpdateService"],
      Resource: args.redeploy.map((r) => pulumi.interpolate`arn:${context.partition}:ecs:${context.region}:${context.accountId}:service/${r.cluster}/${r.service}`),
    });
  }
  return statements;
}
