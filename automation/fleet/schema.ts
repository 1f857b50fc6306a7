import * as fs from "fs";
import { parse } from "yaml";
import { z } from "zod";
import { supportedRegions } from "../../model/network/regions";

/**
 * The fleet file: every stack of every product, environment and region, with the account it
 * deploys into, and the limits a fleet rollout keeps. Validated with zod like the stack config;
 * the cross-entry checks (a standby's primary, the accounts and regions named, one owner per
 * account-level singleton) follow in ./graph.ts, so that a bad file starts nothing.
 */

const name = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "a stack name: lowercase letters, digits and '-', starting with a letter");
const accountId = z.string().regex(/^\d{12}$/, "a 12-digit AWS account id, quoted");

const limit = (what: string) => z.number().int(`${what} must be a whole number`).min(1, `${what} must be at least 1 (0 would start nothing)`);

export const fleetSchema = z
  .object({
    /** Stacks running at once, over the whole fleet; per account (its API rate limits); per region. */
    concurrency: z
      .object({ overall: limit("concurrency.overall"), perAccount: limit("concurrency.perAccount").optional(), perRegion: limit("concurrency.perRegion").optional() })
      .strict(),
    /**
     * Where the stacks' state lives: `bootstrap`, the S3 bucket `npm run bootstrap` creates in each
     * stack's account (a standby's beside its primary's); otherwise the CLI's login or the
     * environment's PULUMI_BACKEND_URL.
     */
    stateBackend: z.literal("bootstrap").optional(),
    /**
     * How a rollout with --remote runs on Pulumi Deployments: the repository and branch it checks
     * out, and the run's environment. Secrets are never written here: `secretEnvironment` names
     * variables read from the environment of whoever starts the rollout, sent as secrets.
     */
    deployments: z
      .object({
        organization: z.string().min(1),
        project: z.string().min(1),
        repository: z.string().regex(/^(https:\/\/|git@)\S+$/, "an https:// or git@ repository URL"),
        branch: z.string().min(1),
        projectPath: z.string().optional(),
        environment: z.record(z.string(), z.string()).optional(),
        secretEnvironment: z.array(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name")).optional(),
        preRunCommands: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    /** The promotion order: a product's stacks of one environment roll out after those of the one before. */
    environments: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1),
    /** The regions the fleet deploys into. */
    regions: z.array(z.string()).min(1),
    /** The accounts, by the name the stacks use; one per environment is the usual layout. */
    accounts: z.record(
      z.string(),
      z
        .object({
          id: accountId,
          /** The role the deployer assumes there (the stacks' providers assume it: platform:account.role). */
          role: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "an IAM role ARN").optional(),
        })
        .strict(),
    ),
    stacks: z
      .array(
        z
          .object({
            name,
            product: z.string().min(1),
            environment: z.string().min(1),
            region: z.string(),
            account: z.string(),
            /** Owns the account's singletons in its region (GuardDuty, registry replication): rolls out before the others there. */
            baseline: z.boolean().optional(),
            /** Owns the account's multi-region CloudTrail trail (one per account). */
            trail: z.boolean().optional(),
            /** The primary this stack stands by for: the primary rolls out first (the standby reads its outputs). */
            standbyFor: name.optional(),
            /** More stacks to roll out before this one. */
            after: z.array(name).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type FleetFile = z.infer<typeof fleetSchema>;
export type FleetStack = FleetFile["stacks"][number];

/** A fleet file that cannot run: one line per problem, each naming its entry. Exit 2, nothing started. */
export class FleetFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "FleetFileError";
  }
}

/** Reads and validates a fleet file (shape and cross-entry checks); throws FleetFileError. */
export function loadFleetFile(file: string): FleetFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new FleetFileError([`${file}: cannot read the fleet file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  return parseFleet(text, file);
}

/** Validates a fleet file's text; `file` names it in messages. */
export function parseFleet(text: string, file: string): FleetFile {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new FleetFileError([`${file}: not valid YAML: ${(error as Error).message.split("\n")[0]}`]);
  }
  const parsed = fleetSchema.safeParse(raw);
  if (!parsed.success) {
    throw new FleetFileError(parsed.error.issues.map((issue) => `${file}: ${entryPath(raw, issue.path)}: ${issue.message}`));
  }
  const problems = entryProblems(parsed.data).map((p) => `${file}: ${p}`);
  if (problems.length > 0) throw new FleetFileError(problems);
  return parsed.data;
}

/** `stacks[3] (codemate-prod).region` rather than `stacks.3.region`: the entry by its name. */
function entryPath(raw: unknown, path: readonly (string | number)[]): string {
  let text = "";
  for (const [i, part] of path.entries()) {
    if (typeof part === "number") {
      text += `[${part}]`;
      if (path[i - 1] === "stacks" && i === 1) {
        const stackName = (raw as { stacks?: { name?: unknown }[] }).stacks?.[part]?.name;
        if (typeof stackName === "string") text += ` (${stackName})`;
      }
    } else text += text ? `.${part}` : part;
  }
  return text || "(top level)";
}

/** Cross-entry checks that need no graph: names, accounts, regions, environments, singletons, primaries. */
function entryProblems(fleet: FleetFile): string[] {
  const problems: string[] = [];
  const at = (i: number, s: FleetStack) => `stacks[${i}] (${s.name})`;
  for (const region of fleet.regions) {
    if (!supportedRegions.includes(region)) problems.push(`regions: '${region}' is not a region the platform supports (${supportedRegions.join(", ")})`);
  }
  const names = new Map<string, number>();
  fleet.stacks.forEach((s, i) => {
    if (names.has(s.name)) problems.push(`${at(i, s)}: the name is taken by stacks[${names.get(s.name)}]`);
    else names.set(s.name, i);
  });
  const accountNames = Object.keys(fleet.accounts);
  for (const [key, account] of Object.entries(fleet.accounts)) {
    if (account.role && !account.role.includes(`::${account.id}:`)) problems.push(`accounts.${key}: role ${account.role} is not in account ${account.id}`);
  }
  fleet.stacks.forEach((s, i) => {
    if (!accountNames.includes(s.account)) problems.push(`${at(i, s)}: unknown account '${s.account}' (accounts: ${accountNames.join(", ") || "none"})`);
    if (!fleet.regions.includes(s.region)) problems.push(`${at(i, s)}: unknown region '${s.region}' (regions: ${fleet.regions.join(", ")})`);
    if (!fleet.environments.includes(s.environment)) problems.push(`${at(i, s)}: unknown environment '${s.environment}' (environments: ${fleet.environments.join(", ")})`);
    for (const dep of s.after ?? []) if (!names.has(dep)) problems.push(`${at(i, s)}: after '${dep}', which is not a stack of the fleet`);
    if (s.standbyFor !== undefined) {
      const primaryIndex = names.get(s.standbyFor);
      const primary = primaryIndex === undefined ? undefined : fleet.stacks[primaryIndex];
      if (!primary) problems.push(`${at(i, s)}: a standby without its primary: standbyFor '${s.standbyFor}' is not a stack of the fleet`);
      else if (primary.standbyFor !== undefined) problems.push(`${at(i, s)}: standbyFor '${s.standbyFor}', which is itself a standby`);
      // A standby deploys into its primary's account (docs/accounts.md): the replicas and the
      // replication role are made with one account's credentials and grants.
      else if (primary.account !== s.account) problems.push(`${at(i, s)}: a standby deploys into its primary's account '${primary.account}', not '${s.account}'`);
      else if (primary.region === s.region) problems.push(`${at(i, s)}: stands by for '${s.standbyFor}' in the same region ${s.region}`);
    }
  });
  problems.push(...singletonProblems(fleet));
  return problems;
}

/**
 * An account holds some things once (model/account/placement.ts): the baseline (GuardDuty's
 * detector, the registry's replication configuration) once per account and region, the
 * multi-region trail once per account. Two owners would both try to create it.
 */
function singletonProblems(fleet: FleetFile): string[] {
  const problems: string[] = [];
  const owners = new Map<string, number>();
  fleet.stacks.forEach((s, i) => {
    const claims = [
      ...(s.baseline ? [[`baseline ${s.account} ${s.region}`, `the baseline of account '${s.account}' in ${s.region}`]] : []),
      ...(s.trail ? [[`trail ${s.account}`, `the multi-region trail of account '${s.account}'`]] : []),
    ];
    for (const [key, what] of claims) {
      const other = owners.get(key);
      if (other !== undefined) problems.push(`stacks[${i}] (${s.name}): ${what} is already owned by stacks[${other}] (${fleet.stacks[other].name}); one stack owns an account-level singleton`);
      else owners.set(key, i);
    }
  });
  return problems;
}
