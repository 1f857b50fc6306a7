import { z } from "zod";
import { isInZone } from "../../model/edge/settings";
import { defaultSmsSpendQuotaUsd, smsTypes } from "../../model/messaging/settings";
import { domainName } from "./edge";

/**
 * `platform:mail` and `platform:sms`: SES sending from the stack's own domain, and the account's
 * SMS preferences (seed 003: SES mail from the post-meeting job; seed 004: order e-mail and SMS).
 */

export const mailSection = z
  .object({
    domain: domainName.describe(
      "The domain SES sends from (an SES domain identity with Easy DKIM, e.g. `onno.app`). Its three DKIM CNAME records go in `platform:edge.zone`, so it must be that zone's apex or a name inside it.",
    ),
  })
  .strict()
  .describe(
    "An SES (v2) domain identity with Easy DKIM records in the stack's hosted zone, and a configuration set (the identity's default) that sends bounces and complaints to the alert topic. Jobs that list the domain in `permissions.sesIdentities` may send through it.",
  );

/** SNS's spend quota of an account: $1 until AWS Support raises it; the bound is ours, a sanity cap on a typo. */
const spendUsd = z.number().int("SNS takes whole dollars (MonthlySpendLimit is an integer)").min(1, "must be at least 1 USD: 0 stops every SMS of the account").max(100000, "is above 100,000 USD a month: check the figure");

export const smsSection = z
  .object({
    preferences: z
      .object({
        monthlySpendLimitUsd: spendUsd.describe(
          "SNS MonthlySpendLimit: SNS stops sending SMS within minutes once the account's spend in the month passes it (a few messages more may be billed). At most `accountSpendQuotaUsd`.",
        ),
        accountSpendQuotaUsd: spendUsd
          .default(defaultSmsSpendQuotaUsd)
          .describe(
            "The SMS spend quota AWS has granted the account: 1 USD for every account that has not asked for more. Raising it needs a support case (an SNS spend limit increase); set this to the granted figure once AWS Support has raised it.",
          ),
        defaultSmsType: z.enum(smsTypes).default("Transactional").describe("SNS DefaultSMSType: `Transactional` (order notices, one-time codes: delivery first) or `Promotional` (cost first)."),
      })
      .strict()
      .optional()
      .describe(
        "The account's SMS preferences in this region (aws.sns.SmsPreferences). SNS keeps one set per account and region, so only the stack that owns `platform:account.baseline` sets them; other stacks of the account send under its limit.",
      ),
  })
  .strict()
  .describe("SMS through SNS (direct to phone numbers). Jobs that send SMS set `permissions.sms`.");

export type MailConfig = z.infer<typeof mailSection>;
export type SmsConfig = z.infer<typeof smsSection>;

/** What the messaging checks read from the rest of the config. */
export interface MessagingCheckContext {
  readonly mail?: MailConfig;
  readonly sms?: SmsConfig;
  /** `platform:edge.zone.name`, when the stack manages a zone. */
  readonly zone?: string;
  readonly observability: boolean;
  /** The stack owns `platform:account.baseline`. */
  readonly ownsBaseline: boolean;
}

/** Cross-field rules of `platform:mail` and `platform:sms`, each problem with its path. */
export function checkMessaging(context: MessagingCheckContext, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  const { mail, sms } = context;
  if (mail) {
    // A domain its own pattern refused is reported there; the zone check would only repeat it.
    if (!domainName.safeParse(mail.domain).success) {
      // nothing more to say about the domain
    } else if (context.zone === undefined) {
      issue(["mail", "domain"], "has no hosted zone this stack manages: Easy DKIM's three CNAME records go in platform:edge.zone, which this stack does not set");
    } else if (!isInZone(mail.domain, context.zone)) {
      issue(["mail", "domain"], `is not in the hosted zone this stack manages (platform:edge.zone.name: ${context.zone}): Easy DKIM's three CNAME records must go in a zone the stack writes`);
    }
    if (!context.observability) {
      issue(["mail"], "sends bounces and complaints to the alert topic, but the stack has no platform:observability");
    }
  }
  const preferences = sms?.preferences;
  if (preferences) {
    if (!context.ownsBaseline) {
      issue(
        ["sms", "preferences"],
        "sets the account's SMS preferences, which SNS keeps once per account and region, but this stack does not own the account's baseline (platform:account.baseline): set them in the stack that does",
      );
    }
    if (preferences.monthlySpendLimitUsd > preferences.accountSpendQuotaUsd) {
      issue(
        ["sms", "preferences", "monthlySpendLimitUsd"],
        `is above the account's SMS spend quota (accountSpendQuotaUsd: ${preferences.accountSpendQuotaUsd} USD): SNS allows a limit up to the quota only; raise the quota through a support case first, then set accountSpendQuotaUsd to the granted figure`,
      );
    }
  }
}
