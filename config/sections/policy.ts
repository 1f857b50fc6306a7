import { z } from "zod";

export const policySection = z
  .object({
    enforcement: z.enum(["mandatory", "advisory"]).describe("`mandatory` in prod and prod-dr, `advisory` in dev and staging (DESIGN section 7)."),
    trustedAccountIds: z.array(z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id")).default([]).describe("Our own AWS accounts: trust policies may name them without an extra condition."),
  })
  .strict()
  // Absent means the strictest gate: a stack file that forgets the section cannot weaken it.
  .default({ enforcement: "mandatory" })
  .describe("How the CrossGuard pack (policies/) treats this stack. Mandatory rules block everywhere; the per-environment rules (backups, deletion protection, Multi-AZ, logging, tags) block when `enforcement` is `mandatory` and only warn when it is `advisory`. `npm run plan` derives the pack config from this section and writes it to out/<stack>/policy-config.json for CI.");

export type PolicyConfig = z.infer<typeof policySection>;
