import { num } from "../graph";
import { compositeLine, ResourceRule, usageLine } from "../model";

export const types = {
  emailIdentity: "aws:sesv2/emailIdentity:EmailIdentity",
  smsPreferences: "aws:sns/smsPreferences:SmsPreferences",
} as const;

/** The identity's mail, per 1,000 messages at the region's SES rate (`usage.mail.emailsPerMonth`). */
const emailIdentity: ResourceRule = (identity, ctx) =>
  ctx.usage.mail.emailsPerMonth === 0
    ? []
    : [
        usageLine(ctx.tierOf(identity), [identity], {
          service: "SES",
          item: "e-mails sent (usage.mail.emailsPerMonth)",
          quantity: ctx.usage.mail.emailsPerMonth / 1000,
          price: ctx.prices.ses.emails1k,
        }),
      ];

/**
 * SMS is billed per message by destination country, and SNS stops sending once the month's spend
 * passes the account's MonthlySpendLimit: the estimate carries that limit, the most the account's
 * SMS can cost in a month (a few messages more may be billed in the minutes SNS takes to stop).
 */
const smsPreferences: ResourceRule = (preferences, ctx) => {
  const limit = num(preferences.inputs, "monthlySpendLimit");
  if (limit === undefined) {
    ctx.warn(`${preferences.name}: no monthlySpendLimit, the account's SMS is not priced`);
    return [];
  }
  return [compositeLine(preferences, ctx, { service: "SNS", item: "SMS, at most the account's monthly spend limit (platform:sms.preferences)", quantity: 1, unit: "month", unitUsd: limit })];
};

export const messagingRules: Readonly<Record<string, ResourceRule>> = {
  [types.emailIdentity]: emailIdentity,
  [types.smsPreferences]: smsPreferences,
};
