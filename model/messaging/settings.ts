/**
 * E-mail through SES and SMS through SNS (Onno's post-meeting mail, seed 003 2-2; OpenMarket's
 * order notification by e-mail and SMS, seed 004 Phase 7).
 */

/** `platform:mail`: the stack's SES domain identity. */
export interface MailSettings {
  /** The domain mail is sent from (`onno.app`); its Easy DKIM records go in the stack's hosted zone. */
  readonly domain: string;
}

/**
 * SES event types the configuration set sends to the alert topic: a bounce or a complaint is
 * what SES's reputation review counts against the account (SES Developer Guide, "Sending review
 * process FAQs": a bounce rate of 5 % or a complaint rate of 0.1 % puts the account under review).
 */
export const mailFeedbackEvents = ["BOUNCE", "COMPLAINT"] as const;

/** SNS's two message types (SetSMSAttributes DefaultSMSType). */
export const smsTypes = ["Transactional", "Promotional"] as const;
export type SmsType = (typeof smsTypes)[number];

/**
 * SNS's SMS spend quota of an account that has not asked for more, in USD a month: 1.00. The SNS
 * API reference (SetSMSAttributes, MonthlySpendLimit): "By default, the spend limit is set to the
 * maximum allowed by Amazon SNS. If you want to raise the limit, submit an SNS Limit Increase
 * case": the limit can only be set up to the quota, and the quota is raised by AWS Support, never
 * through the API.
 */
export const defaultSmsSpendQuotaUsd = 1;

/** The account's SMS preferences, which SNS keeps once per account and region. */
export interface SmsPreferencesSettings {
  /** SNS stops sending SMS within minutes once the month's spend passes this (MonthlySpendLimit). */
  readonly monthlySpendLimitUsd: number;
  /** The quota AWS has granted the account (1 unless a support case raised it); the limit may not pass it. */
  readonly accountSpendQuotaUsd: number;
  readonly defaultSmsType: SmsType;
}

/** `platform:sms`. */
export interface SmsSettings {
  /** Only in the stack that owns the account's baseline in its region (config check). */
  readonly preferences?: SmsPreferencesSettings;
}

/** `<project>-<environment>-mail`: the configuration set every message from the identity goes through. */
export function mailConfigurationSetName(project: string, environment: string): string {
  return `${project}-${environment}-mail`;
}
