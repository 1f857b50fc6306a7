import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { mailFeedbackEvents, SmsType } from "../../model/messaging/settings";
import { StackContext } from "../shared/context";
import { TierComponent } from "../shared/tier";

export interface MailArgs {
  /** The domain SES sends from: the identity, and the owner of the DKIM records. */
  readonly domain: string;
  /** The hosted zone the DKIM records go in (the edge tier's zone, which holds `domain`). */
  readonly zoneId: pulumi.Input<string>;
  /** The configuration set's name (`<project>-<environment>-mail`): the identity's default set. */
  readonly configurationSetName: string;
  /** The alert topic bounces and complaints go to; its policy and key let SES publish. */
  readonly feedbackTopicArn: pulumi.Input<string>;
  /** Resources the event destination waits for: the topic's policy and key grants (SES checks it can publish). */
  readonly feedbackReady: pulumi.Resource;
}

export interface SmsArgs {
  /** SNS stops sending SMS once the month's spend passes this (USD). */
  readonly monthlySpendLimitUsd: number;
  readonly defaultSmsType: SmsType;
}

export interface MessagingArgs {
  readonly context: StackContext;
  /** An SES domain identity with Easy DKIM and its configuration set; none when omitted. */
  readonly mail?: MailArgs;
  /** The account's SMS preferences in this region (the baseline owner only); none when omitted. */
  readonly sms?: SmsArgs;
}

/**
 * E-mail through SES and the account's SMS preferences (seed 003: the post-meeting job's mail;
 * seed 004: order notification by e-mail and SMS).
 *
 * SES v2 (`aws.sesv2`) rather than v1: one identity resource carries Easy DKIM and its default
 * configuration set, so no message of the domain can leave without the set's TLS requirement and
 * feedback. Easy DKIM answers with exactly three tokens, in a fixed order, each a CNAME in the zone.
 */
export class Messaging extends TierComponent {
  readonly identity?: aws.sesv2.EmailIdentity;
  readonly configurationSet?: aws.sesv2.ConfigurationSet;
  readonly smsPreferences?: aws.sns.SmsPreferences;

  constructor(name: string, args: MessagingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("messaging", "Messaging", name, opts);
    const parent = { parent: this };
    const { mail, sms } = args;

    if (mail) {
      this.configurationSet = new aws.sesv2.ConfigurationSet(
        `${name}-mail`,
        {
          configurationSetName: mail.configurationSetName,
          // Mail leaves over TLS only: with OPTIONAL, SES would deliver in plain text where TLS fails.
          deliveryOptions: { tlsPolicy: "REQUIRE" },
          reputationOptions: { reputationMetricsEnabled: true },
          sendingOptions: { sendingEnabled: true },
          // Addresses that bounced or complained are not mailed again by this set.
          suppressionOptions: { suppressedReasons: [...mailFeedbackEvents] },
        },
        parent,
      );
      new aws.sesv2.ConfigurationSetEventDestination(
        `${name}-mail-feedback`,
        {
          configurationSetName: this.configurationSet.configurationSetName,
          eventDestinationName: "alerts",
          eventDestination: { enabled: true, matchingEventTypes: [...mailFeedbackEvents], snsDestination: { topicArn: mail.feedbackTopicArn } },
        },
        { parent: this, dependsOn: [mail.feedbackReady] },
      );
      this.identity = new aws.sesv2.EmailIdentity(
        `${name}-mail`,
        {
          emailIdentity: mail.domain,
          configurationSetName: this.configurationSet.configurationSetName,
          dkimSigningAttributes: { nextSigningKeyLength: "RSA_2048_BIT" },
        },
        parent,
      );
      const tokens = this.identity.dkimSigningAttributes.tokens;
      for (const position of [0, 1, 2]) {
        const token = tokens.apply((t) => t[position]);
        // The record's key is the token's position: SES always gives three, in the same order.
        new aws.route53.Record(
          `${name}-mail-dkim-${position + 1}`,
          { zoneId: mail.zoneId, name: pulumi.interpolate`${token}._domainkey.${mail.domain}`, type: "CNAME", ttl: 1800, records: [pulumi.interpolate`${token}.dkim.amazonses.com`] },
          parent,
        );
      }
    }

    if (sms) {
      this.smsPreferences = new aws.sns.SmsPreferences(`${name}-sms`, { monthlySpendLimit: sms.monthlySpendLimitUsd, defaultSmsType: sms.defaultSmsType }, parent);
    }

    this.registerOutputs({
      mailIdentityArn: this.identity?.arn,
      mailConfigurationSetArn: this.configurationSet?.arn,
      smsMonthlySpendLimitUsd: this.smsPreferences?.monthlySpendLimit,
    });
  }
}
