import * as pulumi from "@pulumi/pulumi";
import { jsonText } from "./json";

/** One IAM statement; actions are always listed one by one (no wildcards). */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: string | readonly string[];
  readonly Resource?: pulumi.Input<string> | readonly pulumi.Input<string>[];
  readonly Principal?: Record<string, pulumi.Input<string> | readonly pulumi.Input<string>[]>;
  readonly Condition?: Record<string, Record<string, pulumi.Input<string> | readonly pulumi.Input<string>[]>>;
}

/** A policy document as JSON text, resolving any Outputs inside the statements. */
export function policyJson(statements: readonly Statement[]): pulumi.Output<string> {
  return jsonText({ Version: "2012-10-17", Statement: statements });
}

/**
 * Trust policy for an AWS service principal. The source-account condition stops the confused
 * deputy: another account's resource cannot make the service assume this role.
 */
export function serviceTrustPolicy(service: string, accountId: pulumi.Input<string>): pulumi.Output<string> {
  return policyJson([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

/**
 * Trust policy for an EC2 instance profile. EC2 does not send aws:SourceAccount or aws:SourceArn
 * when it fetches instance-profile credentials, and a condition on a key that is absent evaluates
 * false: a condition here would leave the instance without credentials. The role can only be
 * used through an instance profile of this account, which only this account can attach.
 */
export function ec2InstanceTrustPolicy(): pulumi.Output<string> {
  return policyJson([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
}
