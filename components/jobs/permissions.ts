import * as pulumi from "@pulumi/pulumi";
import type { JobSecretRef } from "../../model/jobs/settings";
import type { BucketGrant, JobNetwork } from "./spec";
import { StackContext } from "../shared/context";
import { Statement } from "../shared/iam";

/**
 * IAM statements of a job's role, one builder per capability, every action written out and every
 * resource named. Kept apart from the component so the rules read as a list.
 */

export function logStatements(logGroupArn: pulumi.Input<string>): Statement[] {
  // The group exists already (the job tier creates it with its retention): no logs:CreateLogGroup.
  return [{ Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${logGroupArn}:*` }];
}

/** Sending to a KMS-encrypted queue needs the key through SQS, and nothing else from it. */
export function queueSendStatements(context: StackContext, sid: string, queueArn: pulumi.Input<string>, queueKeyArn: pulumi.Input<string>): Statement[] {
  return [
    { Sid: `${sid}Send`, Effect: "Allow", Action: ["sqs:SendMessage"], Resource: queueArn },
    {
      Sid: `${sid}Encrypt`,
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: queueKeyArn,
      Condition: { StringEquals: { "kms:ViaService": `sqs.${context.region}.amazonaws.com` } },
    },
  ];
}

/**
 * Lambda creates and deletes the ENIs of a VPC function with the function's role. Creation is
 * limited to the job subnets and security group; ENIs have generated ids, so deletion is limited
 * to this account and region's network interfaces in the VPC.
 */
export function vpcStatements(
  context: StackContext,
  vpc: JobNetwork,
): Statement[] {
  const ec2 = (resource: pulumi.Input<string>) => pulumi.interpolate`arn:${context.partition}:ec2:${context.region}:${context.accountId}:${resource}`;
  const interfaces = ec2("network-interface/*");
  return [
    {
      Sid: "CreateJobNetworkInterfaces",
      Effect: "Allow",
      Action: ["ec2:CreateNetworkInterface"],
      Resource: [interfaces, ...vpc.subnetIds.map((id) => ec2(pulumi.interpolate`subnet/${id}`)), ec2(pulumi.interpolate`security-group/${vpc.securityGroupId}`)],
    },
    {
      Sid: "ManageJobNetworkInterfaces",
      Effect: "Allow",
      Action: ["ec2:AssignPrivateIpAddresses", "ec2:DeleteNetworkInterface", "ec2:UnassignPrivateIpAddresses"],
      Resource: interfaces,
      Condition: { ArnEquals: { "ec2:Vpc": ec2(pulumi.interpolate`vpc/${vpc.vpcId}`) } },
    },
    {
      // Describe calls have no resource-level permissions: AWS only accepts "*" for them. Read-only.
      Sid: "DescribeNetwork",
      Effect: "Allow",
      Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"],
      Resource: "*",
    },
  ];
}

/**
 * Lambda decrypts the function's environment at start-up with the execution role, under the
 * encryption context of the function's name: this role can decrypt that environment and no other
 * ciphertext of the key.
 */
export function environmentKeyStatements(functionName: string, keyArn: pulumi.Input<string>): Statement[] {
  return [
    {
      Sid: "DecryptOwnEnvironment",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: keyArn,
      Condition: { StringEquals: { "kms:EncryptionContext:LambdaFunctionName": functionName } },
    },
  ];
}

/** The ARN IAM needs for a secret: names get Secrets Manager's random six-character suffix. */
export function secretResourceArn(context: StackContext, ref: JobSecretRef): pulumi.Input<string> {
  return ref.kind === "arn" ? ref.arn : pulumi.interpolate`arn:${context.partition}:secretsmanager:${context.region}:${context.accountId}:secret:${ref.name}-??????`;
}

export function secretStatements(context: StackContext, secretArns: readonly pulumi.Input<string>[], secretsKeyArn: pulumi.Input<string>): Statement[] {
  if (secretArns.length === 0) return [];
  return [
    { Sid: "ReadOwnSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [...secretArns] },
    {
      // The platform's secrets are encrypted with the data key; decrypting goes through Secrets Manager only.
      Sid: "DecryptOwnSecrets",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: secretsKeyArn,
      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${context.region}.amazonaws.com` } },
    },
  ];
}

export function bucketStatements(context: StackContext, grants: readonly BucketGrant[]): Statement[] {
  const statements: Statement[] = [];
  for (const grant of grants) {
    const sid = pascal(grant.key);
    const objects = pulumi.interpolate`${grant.arn}/${grant.prefix}*`;
    const writes = grant.access === "readwrite";
    statements.push({ Sid: `${sid}Objects`, Effect: "Allow", Action: writes ? ["s3:GetObject", "s3:PutObject"] : ["s3:GetObject"], Resource: objects });
    statements.push({
      Sid: `${sid}List`,
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: grant.arn,
      ...(grant.prefix ? { Condition: { StringLike: { "s3:prefix": `${grant.prefix}*` } } } : {}),
    });
    if (grant.kmsKeyArn) {
      statements.push({
        Sid: `${sid}Key`,
        Effect: "Allow",
        Action: writes ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
        Resource: grant.kmsKeyArn,
        Condition: { StringEquals: { "kms:ViaService": `s3.${context.region}.amazonaws.com` } },
      });
    }
  }
  return statements;
}

/**
 * SES authorizes a send against the sending identity and, when the message goes through one (the
 * identity's default included), the configuration set (Service Authorization Reference, Amazon
 * SES: SendEmail and SendRawEmail, resource types `identity` (required) and `configuration-set`).
 * Both are limited to the job's identities and the stack's set.
 */
export function sesStatements(context: StackContext, identities: readonly string[], configurationSet?: string): Statement[] {
  if (identities.length === 0) return [];
  const ses = (resource: string) => pulumi.interpolate`arn:${context.partition}:ses:${context.region}:${context.accountId}:${resource}`;
  return [
    {
      Sid: "SendMailFromOwnIdentities",
      Effect: "Allow",
      Action: ["ses:SendEmail", "ses:SendRawEmail"],
      Resource: [...identities.map((id) => ses(`identity/${id}`)), ...(configurationSet ? [ses(`configuration-set/${configurationSet}`)] : [])],
    },
  ];
}

/**
 * SMS straight to a phone number: SNS Publish's only resource type is the topic (Service
 * Authorization Reference, Amazon SNS: Publish), and a phone number is none, so a direct Publish
 * is authorized on "*" (reviewed in policies/lib/iam-allow-list.ts). What it may cost is held by
 * the account's SMS spend limit (`platform:sms.preferences`).
 */
export function smsStatements(): Statement[] {
  return [{ Sid: "PublishSmsToPhoneNumbers", Effect: "Allow", Action: ["sns:Publish"], Resource: "*" }];
}

export function eventBusStatements(context: StackContext, buses: readonly string[]): Statement[] {
  if (buses.length === 0) return [];
  return [
    {
      Sid: "PutEventsOnOwnBuses",
      Effect: "Allow",
      Action: ["events:PutEvents"],
      Resource: buses.map((bus) => pulumi.interpolate`arn:${context.partition}:events:${context.region}:${context.accountId}:event-bus/${bus}`),
    },
  ];
}

/** `user-files` -> `UserFiles`: statement ids allow only letters and digits. */
export function pascal(key: string): string {
  return key
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
}
