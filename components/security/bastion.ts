import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { amazonLinux2023Arm64 } from "../shared/ami";
import { StackContext } from "../shared/context";
import { ec2InstanceTrustPolicy, policyJson } from "../shared/iam";
import { TierComponent } from "../shared/tier";

export interface BastionArgs {
  /** Names the host, its role and instance profile `<namePrefix>-bastion`; scopes its one write action. */
  readonly context: StackContext;
  /** t4g size; Amazon Linux 2023 on Graviton ships the SSM agent. */
  readonly instanceType: string;
  /** A private app subnet: the host is reached through Session Manager, never from the internet. */
  readonly subnetId: pulumi.Input<string>;
  /** The security tier's bastion group: no inbound rules; out to the database, the cache and HTTPS. */
  readonly securityGroupId: pulumi.Input<string>;
}

/**
 * The operators' way into the private subnets (seed 003 4-4: a small host for database access
 * and debugging, "Session Manager 사용 고려"): `aws ssm start-session` for a shell, or
 * AWS-StartPortForwardingSessionToRemoteHost to the database. No SSH key, no port 22, no public
 * address; the agent reaches Systems Manager over HTTPS through NAT.
 */
export class Bastion extends TierComponent {
  readonly instance: aws.ec2.Instance;
  readonly role: aws.iam.Role;

  constructor(name: string, args: BastionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("security", "Bastion", name, opts);
    const parent = { parent: this };
    const { context } = args;
    this.role = new aws.iam.Role(
      `${name}-role`,
      { name: `${context.namePrefix}-bastion`, assumeRolePolicy: ec2InstanceTrustPolicy() },
      parent,
    );
    const profile = new aws.iam.InstanceProfile(`${name}-profile`, { name: `${context.namePrefix}-bastion`, role: this.role.name }, parent);
    this.instance = new aws.ec2.Instance(
      name,
      {
        // The standard AL2023 image: the minimal one has no SSM agent.
        ami: amazonLinux2023Arm64("standard", parent),
        instanceType: args.instanceType,
        subnetId: args.subnetId,
        vpcSecurityGroupIds: [args.securityGroupId],
        iamInstanceProfile: profile.name,
        associatePublicIpAddress: false,
        metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
        rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 8 },
        tags: { Name: `${context.namePrefix}-bastion` },
      },
      // A new AMI must not replace the host under someone's session; patch in place.
      { parent: this, ignoreChanges: ["ami"] },
    );
    // Attached after the instance exists, so the one write action names this instance only.
    new aws.iam.RolePolicy(
      `${name}-session-manager`,
      {
        role: this.role.id,
        policy: policyJson([
          {
            Sid: "RegisterThisInstance",
            Effect: "Allow",
            Action: [...sessionManagerActions.onInstance],
            Resource: pulumi.interpolate`arn:${context.partition}:ec2:${context.region}:${context.accountId}:instance/${this.instance.id}`,
          },
          { Sid: "SessionChannels", Effect: "Allow", Action: [...sessionManagerActions.channels], Resource: "*" },
        ]),
      },
      parent,
    );
    this.registerOutputs({ instanceId: this.instance.id, roleArn: this.role.arn });
  }
}

/**
 * Actions the SSM agent needs for Session Manager (shell and port forwarding), from AWS's
 * "custom IAM role for Session Manager". The ssmmessages channel actions have no resource type:
 * AWS accepts only `*` for them. Nothing for Run Command, patching or S3 session logs.
 */
export const sessionManagerActions = {
  onInstance: ["ssm:UpdateInstanceInformation"],
  channels: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
} as const;
