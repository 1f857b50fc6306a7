import { z } from "zod";

/** A date that exists, as `YYYY-MM-DD` (2027-02-30 is refused). */
const isoDate = z.string().refine((value) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}, "must be a date YYYY-MM-DD");

const suppression = z
  .object({
    rule: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a rule name such as public-entry-waf (docs/policy-rules.md)").describe("The rule whose violations are accepted."),
    resource: z.string().min(1).describe("The resource: its logical name, a glob over logical names (`platform-prod-*-secret`) or its URN."),
    reason: z
      .string()
      .refine((text) => text.trim().length >= 10, "must say why in 10 characters or more (cdk-nag's minimum)").describe("Why the violation is accepted: the design decision, with its source."),
    expires: isoDate.optional().describe("Last day the suppression applies (YYYY-MM-DD, UTC); after it the violation is back and `plan` fails on the stale suppression."),
  })
  .strict()
  .describe("One accepted violation.");

export const policySection = z
  .object({
    enforcement: z.enum(["mandatory", "advisory"]).describe("`mandatory` in prod and prod-dr, `advisory` in dev and staging (DESIGN section 7)."),
    trustedAccountIds: z.array(z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id")).default([]).describe("Our own AWS accounts: trust policies may name them without an extra condition."),
    suppressions: z
      .array(suppression)
      .default([])
      .describe(
        "Violations accepted on named resources, as cdk-nag's NagSuppressions and Checkov's skip comments: `plan` lists each one it applied and fails on one that is expired or suppressed nothing. A suppression can also sit on the resource, as a tag `policy-suppress:<rule>` = `<reason>` or `until YYYY-MM-DD: <reason>`.",
      ),
  })
  .strict()
  // Absent means the strictest gate: a stack file that forgets the section cannot weaken it.
  .default({ enforcement: "mandatory" })
  .describe("How the CrossGuard pack (policies/) treats this stack. Mandatory rules block everywhere; the per-environment rules (backups, deletion protection, Multi-AZ, logging, tags) block when `enforcement` is `mandatory` and only warn when it is `advisory`. `npm run plan` derives the pack config from this section and writes it to out/<stack>/policy-config.json for CI.");

export type PolicyConfig = z.infer<typeof policySection>;
