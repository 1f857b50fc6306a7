import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { envRefProblem, envRefs } from "../../model/compute/env-refs";
import { DataStore, functionName, maxEnvironmentBytes, maxReservedConcurrency, smsEnabledVariable, triggerKey } from "../../model/jobs/settings";
import type { JobConfig, JobsConfig } from "./jobs";

/** What the jobs checks need from the rest of the config. */
export interface JobsCheckContext {
  readonly project: string;
  readonly environment: string;
  /** Keys of `platform:storage` buckets; undefined when the stack has no storage section. */
  readonly bucketKeys: readonly string[] | undefined;
  /** Where `bucketKeys` come from, for messages: `platform:storage`, and a standby's replicas. */
  readonly bucketSources?: string;
  /** The data stores the stack has (`platform:data`). */
  readonly dataStores: readonly DataStore[];
  /** Repository root; code directories are relative to it. */
  readonly root: string;
}

/** Cross-field rules of `platform:jobs`; every problem is added to `ctx` with its path. */
export function checkJobs(jobs: JobsConfig, ctx: z.RefinementCtx, env: JobsCheckContext): void {
  const issue = (where: (string | number)[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["jobs", "functions", ...where], message });
  const seen = new Set<string>();
  let reserved = 0;

  jobs.functions.forEach((job, index) => {
    if (seen.has(job.name)) issue([index, "name"], "is used by another job");
    seen.add(job.name);
    const fullName = functionName(env.project, env.environment, job.name);
    if (fullName.length > 64) {
      issue([index, "name"], `makes the function name '${fullName}' ${fullName.length} characters long (Lambda allows 64)`);
    }
    reserved += job.reservedConcurrency ?? 0;

    const envBytes = Object.entries(job.environment).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    if (envBytes > maxEnvironmentBytes) issue([index, "environment"], `is ${envBytes} bytes; Lambda allows ${maxEnvironmentBytes}`);
    for (const [key, value] of Object.entries(job.environment)) {
      for (const ref of envRefs(value)) {
        const problem = envRefProblem(ref) ?? refTargetProblem(ref, env);
        if (problem) issue([index, "environment", key], problem);
      }
    }
    for (const key of Object.keys(job.secrets)) {
      if (key in job.environment) issue([index, "secrets", key], "is also a plain environment variable");
    }
    if (smsEnabledVariable in job.environment) {
      issue([index, "environment", smsEnabledVariable], "is set by the platform from permissions.sms (with the role's grant to publish SMS); set permissions.sms: true instead");
    }
    job.reaches.forEach((store, r) => {
      if (!env.dataStores.includes(store)) issue([index, "reaches", r], `names the ${store} but the stack has none (platform:data)`);
      if (job.reaches.indexOf(store) !== r) issue([index, "reaches", r], "is listed twice");
    });
    if (job.reaches.length > 0 && !job.vpc) {
      issue([index, "vpc"], `must be true: the job reaches the ${job.reaches.join(" and ")}, which only answer inside the VPC`);
    }

    const codeProblem = codeDirectoryProblem(env.root, job);
    if (codeProblem) issue([index, codeProblem.field], codeProblem.message);

    job.triggers.forEach((trigger, t) => {
      if (job.triggers.findIndex((other) => triggerKey(other) === triggerKey(trigger)) !== t) {
        issue([index, "triggers", t, "name"], `'${triggerKey(trigger)}' names another trigger of this job: give each trigger of the same type its own name`);
      }
      if (trigger.type !== "s3" && fullName.length + 1 + triggerKey(trigger).length > 64) {
        issue([index, "triggers", t], `makes the ${trigger.type === "event" ? "rule" : "schedule"} name '${fullName}-${triggerKey(trigger)}' longer than the 64 characters EventBridge allows`);
      }
      if (trigger.type === "s3") {
        const problem = bucketProblem(trigger.bucket, env);
        if (problem) issue([index, "triggers", t, "bucket"], problem);
        job.permissions.buckets.forEach((grant, g) => {
          if (grant.bucket === trigger.bucket && grant.access === "readwrite" && prefixesOverlap(grant.prefix, trigger.prefix)) {
            issue(
              [index, "permissions", "buckets", g, "prefix"],
              `lets the job write under '${trigger.prefix}', where its own trigger fires: limit writes to another prefix so it cannot invoke itself in a loop`,
            );
          }
        });
      }
    });
    job.permissions.buckets.forEach((grant, g) => {
      const problem = bucketProblem(grant.bucket, env);
      if (problem) issue([index, "permissions", "buckets", g, "bucket"], problem);
    });
  });

  if (reserved > maxReservedConcurrency) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["jobs", "functions"],
      message: `reserve ${reserved} concurrent executions in total; Lambda keeps 100 of the default 1000 unreserved, so at most ${maxReservedConcurrency}`,
    });
  }
  checkOverlappingS3Triggers(jobs, ctx);
}

/** A well-formed reference to something the stack does not have. */
function refTargetProblem(ref: string, env: JobsCheckContext): string | undefined {
  if (ref.startsWith("bucket.")) {
    const problem = bucketProblem(ref.slice("bucket.".length), env);
    return problem ? `\${${ref}}: ${problem}` : undefined;
  }
  const store = ref.split(".")[0];
  if ((store === "database" || store === "cache") && !env.dataStores.includes(store)) return `\${${ref}}: the stack has no ${store} (platform:data)`;
  return undefined;
}

function bucketProblem(bucket: string, { bucketKeys, bucketSources = "platform:storage" }: JobsCheckContext): string | undefined {
  if (!bucketKeys) return "names a bucket but the stack defines none (platform:storage)";
  return bucketKeys.includes(bucket) ? undefined : `is not a bucket of ${bucketSources} (allowed: ${bucketKeys.join(", ")})`;
}

/** True when some key could start with both prefixes. */
export function prefixesOverlap(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

function suffixesOverlap(a: string, b: string): boolean {
  return a.endsWith(b) || b.endsWith(a);
}

/**
 * S3 refuses a bucket notification whose rules for the same event overlap in both prefix and
 * suffix ("Configuration is ambiguously defined"), so two jobs cannot share a key space.
 */
function checkOverlappingS3Triggers(jobs: JobsConfig, ctx: z.RefinementCtx): void {
  const rules: { bucket: string; prefix: string; suffix: string; path: (string | number)[] }[] = [];
  jobs.functions.forEach((job, index) =>
    job.triggers.forEach((trigger, t) => {
      if (trigger.type !== "s3") return;
      const clash = rules.find((r) => r.bucket === trigger.bucket && prefixesOverlap(r.prefix, trigger.prefix) && suffixesOverlap(r.suffix, trigger.suffix));
      if (clash) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["jobs", "functions", index, "triggers", t],
          message: `overlaps the S3 trigger at jobs.functions[${clash.path[0]}].triggers[${clash.path[1]}] on bucket '${trigger.bucket}' (S3 needs distinct prefixes or suffixes)`,
        });
      }
      rules.push({ bucket: trigger.bucket, prefix: trigger.prefix, suffix: trigger.suffix, path: [index, t] });
    }),
  );
}

/** The code directory must exist and hold the handler's module with the handler function in it. */
function codeDirectoryProblem(root: string, job: JobConfig): { field: "code" | "handler"; message: string } | undefined {
  const dir = path.join(root, job.code);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    return { field: "code", message: `is not a directory of the repository (${path.relative(process.cwd(), dir) || "."})` };
  }
  const dot = job.handler.lastIndexOf(".");
  const module = job.handler.slice(0, dot);
  const fn = job.handler.slice(dot + 1);
  const extensions = job.runtime.startsWith("python") ? [".py"] : [".mjs", ".js", ".cjs"];
  const file = extensions.map((ext) => path.join(dir, `${module}${ext}`)).find((f) => fs.existsSync(f));
  if (!file) {
    return { field: "handler", message: `needs ${module}${extensions.join(" or ")} in ${job.code}` };
  }
  const source = fs.readFileSync(file, "utf8");
  const defines = job.runtime.startsWith("python")
    ? new RegExp(`^(async\\s+)?def\\s+${fn}\\s*\\(`, "m").test(source)
    : new RegExp(`export\\s+(async\\s+)?(function|const|let)\\s+${escape(fn)}\\b|exports\\.${escape(fn)}\\s*=`).test(source);
  return defines ? undefined : { field: "handler", message: `names ${fn}, which ${path.basename(file)} does not define` };
}

function escape(text: string): string {
  return text.replace(/[$]/g, "\\$");
}
