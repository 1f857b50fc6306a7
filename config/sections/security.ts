import { z } from "zod";

export const securitySection = z
  .object({
    kms: z
      .object({
        deletionWindowDays: z.number().int().min(7, "must be 7-30").max(30, "must be 7-30").default(30).describe("Days KMS waits before deleting a scheduled key (7-30)."),
      })
      .strict()
      .default({})
      .describe("The platform's KMS keys (one per data domain: data, storage, logs; rotation always on)."),
    bastion: z.boolean().default(false).describe("A bastion host reached through Session Manager (seed 003 4-4): an instance in a private app subnet with its own security group (no inbound rules; out to the database and the cache)."),
    bastionInstanceType: z.string().regex(/^t4g\.(nano|micro|small)$/, "must be t4g.nano, t4g.micro or t4g.small").default("t4g.nano").describe("Its instance type; seed 003 names a t3.nano, Graviton's t4g.nano is cheaper and runs AL2023 with the SSM agent."),
  })
  .strict();
