import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../shared/context";
import { policyJson, serviceTrustPolicy } from "../shared/iam";

export interface FlowLogsArgs {
  readonly context: StackContext;
  readonly vpcId: pulumi.Input<string>;
  readonly trafficType: "ALL" | "REJECT" | "ACCEPT";
  readonly retentionDays: number;
  readonly kmsKeyArn: pulumi.Input<string>;
}

/** VPC flow logs to an encrypted CloudWatch log group, delivered by a role scoped to that group. */
export class FlowLogs extends pulumi.ComponentResource {
  readonly logGroup: aws.cloudwatch.LogGroup;

  constructor(name: string, args: FlowLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:FlowLogs", name, {}, opts);
    const parent = { parent: this };
    this.logGroup = new aws.cloudwatch.LogGroup(
      name,
      { name: `/vpc/${args.context.namePrefix}/flow-logs`, retentionInDays: args.retentionDays, kmsKeyId: args.kmsKeyArn },
      parent,
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
