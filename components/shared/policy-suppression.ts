/**
 * A suppression of a policy rule declared on the resource itself, next to the design decision it
 * records (as cdk-nag's NagSuppressions.addResourceSuppressions): a tag the CrossGuard pack reads
 * (policies/lib/suppressions.ts, same key prefix and value form; a test keeps the two equal).
 *
 * Tags hold it, so it must be a valid tag: a value of at most 256 characters of letters, digits,
 * spaces and `+ - = . _ : / @`, the set every tagging AWS service accepts (AWS Tagging, "Tag naming
 * limits and requirements"); no comma, parenthesis or apostrophe.
 */
export const suppressionTagPrefix = "policy-suppress:";

const tagValue = /^[\p{L}\p{N}\p{Zs}+\-=._:/@]*$/u;

/** Tags of a suppression of `rule` with its reason (10 characters or more) and an optional last day. */
export function policySuppressionTag(rule: string, reason: string, until?: string): Record<string, string> {
  const value = until ? `until ${until}: ${reason}` : reason;
  if (reason.trim().length < 10) throw new Error(`suppression of ${rule}: the reason must say why in 10 characters or more`);
  if (value.length > 256 || !tagValue.test(value)) {
    throw new Error(`suppression of ${rule}: "${value}" is not a valid tag value (at most 256 letters, digits, spaces and + - = . _ : / @)`);
  }
  return { [`${suppressionTagPrefix}${rule}`]: value };
}
