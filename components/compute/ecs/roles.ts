import * as pulumi from "@pulumi/pulumi";
import type { ServiceSettings } from "../../../model/compute/settings";
import { Statement } from "../../shared/iam";

/**
 * The two roles of an ECS task, written out action by action and resource by resource (seed 001's
 * roles, narrowed: its execution role grants every action on `*`).
 *
 * - The execution role is what the ECS agent uses to start the task: pull the image, create the
 *   log stream, read the secrets it injects.
 * - The task role is what the application's own AWS calls use (seed 001: S3 objects of its bucket).
 */

export interface ExecutionRoleNeeds {
  /** ECR repository the image comes from; omitted for images outside the stack's registry. */
  readonly repositoryArn?: pulumi.Input<string>;
  /** The service's log group: the agent creates streams in it. */
  readonly logGroupArn: pulumi.Input<string>;
  /** Secrets injected into the container, by ARN (one statement lists each). */
  readonly secretArns: readonly pulumi.Input<string>[];
  /** KMS keys encrypting those secrets; decrypt only through Secrets Manager. */
  readonly secretKmsKeyArns: readonly pulumi.Input<string>[];
  /** The stack's region, for the `kms:ViaService` condition. */
  readonly region: string;
}

export function executionRoleStatements(needs: ExecutionRoleNeeds): Statement[] {
  const statements: Statement[] = [];
  if (needs.repositoryArn) {
    statements.push(
      // GetAuthorizationToken is account-wide: AWS accepts no resource but `*` for it.
      { Sid: "EcrAuthorization", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
      {
        Sid: "PullImage",
        Effect: "Allow",
        Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        Resource: needs.repositoryArn,
      },
    );
  }
  statements.push({
    Sid: "WriteLogs",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: pulumi.interpolate`${needs.logGroupArn}:log-stream:*`,
  });
  if (needs.secretArns.length > 0) {
    statements.push({ Sid: "ReadInjectedSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [...needs.secretArns] });
  }
  if (needs.secretArns.length > 0 && needs.secretKmsKeyArns.length > 0) {
    statements.push({
      Sid: "DecryptInjectedSecrets",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: [...needs.secretKmsKeyArns],
      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${needs.region}.amazonaws.com` } },
    });
  }
  return statements;
}

/** `read` objects, or `readwrite` (get, put and delete), as the service's permissions name it. */
export type BucketAccess = ServiceSettings["permissions"]["buckets"][number]["access"];

/** A bucket the task role may use. */
export interface BucketGrant {
  /** The bucket's ARN (the storage tier's). */
  readonly arn: pulumi.Input<string>;
  /** What the role may do with the bucket's objects. */
  readonly access: BucketAccess;
}

export interface TaskRoleNeeds {
  /** The buckets the application uses. */
  readonly buckets: readonly BucketGrant[];
  /** KMS key of SSE-KMS buckets; S3 uses it on the task's behalf. */
  readonly bucketKmsKeyArn?: pulumi.Input<string>;
  /** The stack's region, for the `kms:ViaService` condition. */
  readonly region: string;
}

/** Object actions per access level (seed 001's task role: Get, Put, Delete and List). */
export const objectActions: Record<BucketAccess, readonly string[]> = {
  read: ["s3:GetObject"],
  readwrite: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
};

export function taskRoleStatements(needs: TaskRoleNeeds): Statement[] {
  if (needs.buckets.length === 0) return [];
  const statements: Statement[] = [
    { Sid: "ListGrantedBuckets", Effect: "Allow", Action: ["s3:ListBucket"], Resource: needs.buckets.map((b) => b.arn) },
  ];
  for (const access of ["read", "readwrite"] as const) {
    const buckets = needs.buckets.filter((b) => b.access === access);
    if (buckets.length === 0) continue;
    statements.push({
      Sid: access === "read" ? "ReadObjects" : "ReadWriteObjects",
      Effect: "Allow",
      Action: [...objectActions[access]],
      Resource: buckets.map((b) => pulumi.interpolate`${b.arn}/*`),
    });
  }
  if (needs.bucketKmsKeyArn) {
    const writes = needs.buckets.some((b) => b.access === "readwrite");
    statements.push({
      Sid: "UseBucketKey",
      Effect: "Allow",
      Action: writes ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
      Resource: needs.bucketKmsKeyArn,
      Condition: { StringEquals: { "kms:ViaService": `s3.${needs.region}.amazonaws.com` } },
    });
  }
  return statements;
}

/** The load-balancer resources of one service whose traffic ECS shifts. */
export interface TrafficShiftResources {
  readonly primaryTargetGroupArn: pulumi.Input<string>;
  readonly alternateTargetGroupArn: pulumi.Input<string>;
  readonly productionListenerRuleArn: pulumi.Input<string>;
}

/**
 * What ECS does with the infrastructure role of a blue/green, canary or linear deployment behind
 * an ALB: read the listener, rules and target health; register the new revision's tasks in one
 * group and deregister the old ones; change the production rule's forward weights. The actions are
 * those of the AWS managed policy AmazonECSInfrastructureRolePolicyForLoadBalancers (AWS Managed
 * Policy Reference), narrowed to this service's two groups and one rule; ModifyListener is left
 * out because the service's traffic moves through a listener rule, never a listener's default
 * action (components/edge/alb.ts).
 */
export function trafficShiftRoleStatements(shift: TrafficShiftResources): Statement[] {
  return [
    {
      Sid: "ReadLoadBalancing",
      Effect: "Allow",
      // The Describe actions of Elastic Load Balancing take no resource but `*` (Service
      // Authorization Reference, Elastic Load Balancing V2: no resource types for Describe*).
      Action: ["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"],
      Resource: "*",
    },
    {
      Sid: "MoveTasksBetweenGroups",
      Effect: "Allow",
      Action: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
      Resource: [shift.primaryTargetGroupArn, shift.alternateTargetGroupArn],
    },
    { Sid: "ShiftProductionWeights", Effect: "Allow", Action: ["elasticloadbalancing:ModifyRule"], Resource: shift.productionListenerRuleArn },
  ];
}
