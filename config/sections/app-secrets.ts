import { z } from "zod";
import { optionalRotationDays } from "./rotation";

export const appSecretKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, "must be 1-63 characters of a-z, 0-9 and '-', starting with a letter")
  .describe("`platform:appSecrets`: the application's own secrets (seed 001: `codemate/{env}/nextauth`, `codemate/{env}/anthropic`, `codemate/{env}/github-oauth`), one Secrets Manager secret each, named `<project>/<environment>/<key>` after seed 001 and encrypted with the data KMS key. - `generated`: the value is a random string made by @pulumi/random and written by Pulumi (NextAuth's signing secret, seed 003's JWT secret); it is kept in state as a secret only. - `external`: the value comes from outside (an API key a vendor issued): Pulumi creates the empty secret, and an operator sets it out of band (`aws secretsmanager put-secret-value`) before the services that read it start. Pulumi never sees the value. Services reference secrets by key in `compute.services[].secrets` (`ENV_VAR: key`), and ECS injects them by ARN; a key of an external JSON secret reads one field (`github-oauth:clientId`).");

const generatedSecret = z
  .object({
    source: z.literal("generated").describe("`generated`: a random value @pulumi/random makes and Pulumi writes (a signing or JWT secret); kept in state as a secret only."),
    length: z.number().int().min(32, "NextAuth wants 32 or more").max(4096).default(48).describe("Characters of the random value (letters and digits). NextAuth wants at least 32."),
    rotationDays: optionalRotationDays("the value (Onno, seed 003, section 5-4: the JWT secret every 90 days): the rotation function writes a new random value and restarts the ECS services that read it; sessions signed with the old value end"),
    description: z.string().max(200).optional().describe("What the secret is for; it becomes the Secrets Manager secret's description."),
  })
  .strict();

const externalSecret = z
  .object({
    source: z.literal("external").describe("`external`: Pulumi creates the empty secret and an operator puts the value (an API key a vendor issued) with `aws secretsmanager put-secret-value`; Pulumi never sees it."),
    maxAgeDays: z
      .number()
      .int("must be a whole number of days")
      .min(1, "must be 1-365 days")
      .max(365, "must be 1-365 days")
      .optional()
      .describe("Rotated by its owner (the vendor's console): a daily check publishes a reminder to the alert topic once the value is older than this many days (Secrets Manager's LastChangedDate), 1-365; absent: no reminder."),
    description: z.string().max(200).optional().describe("What the secret is for; it becomes the Secrets Manager secret's description."),
  })
  .strict();

export const appSecretsSection = z.record(appSecretKey, z.discriminatedUnion("source", [generatedSecret, externalSecret]));

export type AppSecretsConfig = z.infer<typeof appSecretsSection>;
