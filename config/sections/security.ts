import { z } from "zod";

export const securitySection = z
  .object({
    kms: z
      .object({
        /** Days KMS waits before deleting a scheduled key (7-30). */
        deletionWindowDays: z.number().int().min(7, "must be 7-30").max(30, "must be 7-30").default(30),
      })
      .strict()
      .default({}),
    /** Multi-region CloudTrail trail to an encrypted bucket (seed 001's checklist; prod). */
    cloudTrail: z.boolean(),
    /** GuardDuty detector (seeds 000 and 001). */
    guardDuty: z.boolean(),
    /** A bastion security group for Session Manager port forwarding (seed 003), no inbound rules. */
    bastion: z.boolean().default(false),
  })
  .strict();

export type SecurityConfig = z.infer<typeof securitySection>;
