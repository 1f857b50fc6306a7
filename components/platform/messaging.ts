import * as pulumi from "@pulumi/pulumi";
import { mailConfigurationSetName } from "../../model/messaging/settings";
import type { PlatformSettings } from "../../model/platform";
import type { Edge } from "../edge";
import { Messaging } from "../messaging";
import type { Observability } from "../observability";
import type { StackContext } from "../shared/context";
import type { StackBase } from "./stack";

export interface MessagingDependencies {
  /** Holds the zone the DKIM records go in (the config checks the mail domain is in it). */
  readonly edge?: Edge;
  /** Its alert topic receives bounces and complaints. */
  readonly observability?: Observability;
}

/** The ARN of the stack's SES configuration set, from its name: the topic policy and job roles need it before the set exists. */
export function mailConfigurationSetArn(context: StackContext, config: PlatformSettings): pulumi.Output<string> {
  return pulumi.interpolate`arn:${context.partition}:ses:${context.region}:${context.accountId}:configuration-set/${mailConfigurationSetName(config.project, config.environment)}`;
}

/** Settings -> the messaging tier: the SES identity and its set, the account's SMS preferences; none when the stack has neither. */
export function buildMessaging(config: PlatformSettings, { context, opts }: StackBase, { edge, observability }: MessagingDependencies): Messaging | undefined {
  const preferences = config.sms?.preferences;
  if (!config.mail && !preferences) return undefined;
  let mail;
  if (config.mail) {
    // The config checks guarantee both; these guard a caller that skipped validation.
    if (!edge) throw new Error("platform:mail needs platform:edge: its DKIM records go in the edge tier's zone");
    if (!observability) throw new Error("platform:mail needs platform:observability: bounces and complaints go to its alert topic");
    mail = {
      domain: config.mail.domain,
      zoneId: edge.zoneId,
      configurationSetName: mailConfigurationSetName(config.project, config.environment),
      feedbackTopicArn: observability.topic.arn,
      feedbackReady: observability,
    };
  }
  return new Messaging(
    context.namePrefix,
    { context, mail, sms: preferences ? { monthlySpendLimitUsd: preferences.monthlySpendLimitUsd, defaultSmsType: preferences.defaultSmsType } : undefined },
    opts,
  );
}
