import { str } from "../inputs";
import { CallModel } from "../model";
import { albHostedZoneId } from "../../../model/edge/alb-zones";

/**
 * The Elastic Load Balancing account that writes access logs in each region the platform
 * supports (ELB User Guide, "Enable access logs", regions available before August 2022).
 */
export const elbLogAccounts: Readonly<Record<string, string>> = {
  "ap-northeast-1": "582318560864",
  "ap-northeast-2": "600734575887",
  "ap-northeast-3": "383597477331",
  "us-east-1": "127311923021",
  "us-west-2": "797873946194",
};

export const elbCalls: Record<string, CallModel> = {
  "aws:lb/getHostedZoneId:getHostedZoneId": (inputs, env) => {
    const region = str(inputs, "region") ?? env.region;
    if ((inputs.loadBalancerType ?? "application") !== "application") throw new Error("mock cloud models the ALB hosted zones only");
    // What aws.lb.getHostedZoneId answers without an API call: AWS's per-region table (model/edge/alb-zones.ts).
    const zone = albHostedZoneId(region);
    if (!zone) throw new Error(`no ALB hosted zone for region ${region}`);
    return { id: zone, region };
  },
  "aws:elb/getServiceAccount:getServiceAccount": (inputs, env) => {
    const region = str(inputs, "region") ?? env.region;
    const account = elbLogAccounts[region];
    if (!account) throw new Error(`no Elastic Load Balancing log account for region ${region}`);
    return { id: account, arn: `arn:aws:iam::${account}:root`, region };
  },
};
