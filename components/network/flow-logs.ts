import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NetworkSettings } from "../../model/network/settings";
import { StackContext } from "../shared/context";
import { policyJson, serviceTrustPolicy } from "../shared/iam";

export interface FlowLogsArgs {
  /** Names the log group `/vpc/<namePrefix>/flow-logs`; the account scopes the delivery role's trust. */
  readonly context: StackContext;
  /** The VPC whose traffic is logged. */
  readonly vpcId: pulumi.Input<string>;
  /** Which traffic is logged: all of it, or only rejected or accepted connections. */
  readonly trafficType: NetworkSettings["flowLogs"]["trafficType"];
  /** The log group's retention (the stack's `platform:logs.retentionDays`). */
  readonly retentionDays: number;
  /** Encrypts the log group (the security tier's logs key). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Pulumi `protect` on the log group: flow records are evidence (protected environments). */
  readonly protect: boolean;
}

/**
 * VPC flow logs to an encrypted CloudWatch log group, delivered by a role scoped to that group.
 * The group is created here rather than by the service, so it has the stack's retention and the
 * logs key; records are aggregated per minute (the finest interval) so an investigation sees
 * connections as they happened.
 */
export class FlowLogs extends pulumi.ComponentResource {
  readonly logGroup: aws.cloudwatch.LogGroup;

  constructor(name: string, args: FlowLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:FlowLogs", name, {}, opts);
    const parent = { parent: this };
    this.logGroup = new aws.cloudwatch.LogGroup(
      name,
      { name: `/vpc/${args.context.namePrefix}/flow-logs`, retentionInDays: args.retentionDays, kmsKeyId: args.kmsKeyArn },
      { parent: this, protect: args.protect },
    );
    const role = new aws.iam.Role(
      name,
      { assumeRolePolicy: serviceTrustPolicy("vpc-flow-logs.amazonaws.com", args.context.accountId), description: "Delivers VPC flow logs" },
      parent,
    );
    new aws.iam.RolePolicy(
      name,
      {
        role: role.id,
        policy: policyJson([
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: [this.logGroup.arn, pulumi.interpolate`${this.logGroup.arn}:*`],
          },
        ]),
      },
      parent,
    );
    new aws.ec2.FlowLog(
      name,
      {
        vpcId: args.vpcId,
        trafficType: args.trafficType,
        logDestinationType: "cloud-watch-logs",
        logDestination: this.logGroup.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
      },
      parent,
    );
    this.registerOutputs({ logGroupName: this.logGroup.name });
  }
}
