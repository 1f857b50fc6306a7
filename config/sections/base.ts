import { z } from "zod";
import { supportedRegions } from "../../model/network/regions";
import { isTimeZone } from "../../model/schedule/expression";

export const slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,20}[a-z0-9]$/, "must be 3-22 characters of a-z, 0-9 and '-', starting with a letter")
  .describe("Lower-case DNS-label style name: it becomes part of bucket, cluster and role names.");

export const region = z.enum(supportedRegions as [string, ...string[]]);

/** Log retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const cloudWatchRetentionDays = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const retentionDays = z
  .number()
  .int()
  .refine((d) => (cloudWatchRetentionDays as readonly number[]).includes(d), {
    message: `must be a CloudWatch Logs retention (one of ${cloudWatchRetentionDays.join(", ")})`,
  });

export const timeZone = z.string().refine(isTimeZone, { message: "must be an IANA time zone such as Asia/Seoul" }).describe("An IANA time zone such as Asia/Seoul (the seeds' products are Korean: KST is the usual default).");

export const tagMap = z.record(
  z.string().regex(/^[\w .:/=+\-@]{1,128}$/, "tag keys are 1-128 characters of letters, digits, spaces and _.:/=+-@"),
  z.string().max(256, "tag values are at most 256 characters"),
);

export const baseSection = {
  project: slug.describe("Product name, e.g. `codemate`; prefixes every physical name."),
  environment: slug.describe("Environment name, e.g. `dev`, `prod`, `prod-dr`; the Environment tag and name suffix."),
  role: z.enum(["primary", "standby"]).default("primary").describe("Whether this stack serves traffic (`primary`) or stands by in a second region (`standby`)."),
  dataProtection: z.enum(["protected", "disposable"]).describe("`protected`: data stores get deletion protection, final snapshots and Pulumi `protect`, and buckets refuse to be destroyed while they hold objects. `disposable`: a clean destroy (dev)."),
  tags: tagMap.default({}).describe("Extra tags on every taggable resource, beside Project, Environment, Tier and ManagedBy."),
  acknowledgedReplacements: z
    .array(z.string().regex(/^([a-z0-9]+:[\w./-]+:[\w]+::)?[A-Za-z0-9][\w.-]*$/, "must be a resource's logical name, or `<type>::<name>` when two resources share the name"))
    .default([])
    .superRefine((names, ctx) => {
      names.forEach((name, index) => {
        if (names.indexOf(name) !== index) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index], message: `${name} is listed twice` });
      });
    })
    .describe(
      "Protected resources (logical name, or `<type>::<name>`) that this config change may replace or delete. A protected stack's stores carry Pulumi `protect`, and Pulumi refuses to replace or delete a protected resource: a change that needs it (a new bucket name, a cache engine downgrade) names each resource here, and Pulumi `protect` is lifted on it for that update. A name that matches no protected resource fails the deployment. Remove the entries once the update is done. A deletion also needs `pulumi state unprotect` first: Pulumi deletes only a resource whose state is unprotected. `npm run plan` and the update-path tests report which resources a change replaces.",
    ),
};
