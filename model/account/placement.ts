import type { PlatformSettings } from "../platform";
import { repositoryName } from "../storage/naming";

/**
 * Where a set of stacks deploys, account by account and region by region, and what would collide
 * there. Each stack creates its own resources under its own names, but an account holds some
 * things once: a GuardDuty detector per region, one replication configuration per ECR registry
 * (per region), one multi-region CloudTrail trail (ours; CloudTrail allows 5 trails per region and
 * a multi-region trail counts in every region). Those belong to the one stack that owns the
 * account baseline of its account and region (`platform:account.baseline`).
 */

/** A stack file of the set, validated. */
export interface PlacedStack {
  /** The stack file, as messages name it (relative to the repository). */
  readonly file: string;
  readonly settings: PlatformSettings;
  /** For a standby: its primary's file, when the set holds it. */
  readonly primaryFile?: string;
}

/** One account and region of the set: the stacks there and the one that owns its baseline. */
export interface Placement {
  readonly accountId: string;
  readonly region: string;
  readonly stacks: readonly PlacedStack[];
  /** The stack whose `platform:account.baseline` covers this account and region. */
  readonly baselineOwner?: PlacedStack;
}

/** The set's stacks grouped by account and region (stacks without an account are left out), in file order. */
export function placements(stacks: readonly PlacedStack[]): Placement[] {
  const groups = new Map<string, PlacedStack[]>();
  for (const stack of stacks) {
    const account = stack.settings.account;
    if (!account) continue;
    const key = `${account.id} ${stack.settings.region}`;
    groups.set(key, [...(groups.get(key) ?? []), stack]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, members]) => {
      const [accountId, region] = key.split(" ");
      return { accountId, region, stacks: members, baselineOwner: members.find((s) => s.settings.account?.baseline) };
    });
}

/**
 * What the set would break in its accounts, one line per problem naming the files: two owners of
 * one account and region's baseline, two multi-region trails in one account, a standby outside
 * its primary's account, a standby whose images no registry rule replicates, two stacks that
 * would create the same names in one account, a stack that names no account.
 */
export function placementProblems(stacks: readonly PlacedStack[]): string[] {
  const problems: string[] = [];
  for (const stack of stacks) {
    if (!stack.settings.account) problems.push(`${stack.file}: declares no platform:account: a set of stacks is checked account by account, so each names its account`);
  }
  const groups = placements(stacks);
  for (const group of groups) {
    const owners = group.stacks.filter((s) => s.settings.account?.baseline);
    if (owners.length > 1) {
      problems.push(
        `account ${group.accountId} in ${group.region} has ${owners.length} baseline owners: ${owners.map((s) => s.file).join(" and ")}; ` +
          "one stack per account and region owns its GuardDuty detector and registry replication (platform:account.baseline)",
      );
    }
  }
  const trails = new Map<string, PlacedStack[]>();
  for (const stack of stacks) {
    const account = stack.settings.account;
    if (account?.baseline?.cloudTrail) trails.set(account.id, [...(trails.get(account.id) ?? []), stack]);
  }
  for (const [accountId, owners] of trails) {
    if (owners.length > 1) {
      problems.push(
        `account ${accountId} gets ${owners.length} multi-region trails: ${owners.map((s) => s.file).join(" and ")}; ` +
          "one records every region (a second copy of management events is billed, and CloudTrail allows 5 trails per region)",
      );
    }
  }
  problems.push(...nameProblems(stacks, groups));
  const byFile = new Map(stacks.map((s) => [s.file, s]));
  for (const standby of stacks) {
    const primary = standby.primaryFile ? byFile.get(standby.primaryFile) : undefined;
    if (standby.settings.role !== "standby" || !primary) continue;
    problems.push(...standbyProblems(standby, primary, groups));
  }
  return problems;
}

/**
 * Names an account holds once: every stack names its resources `<project>-<environment>-...`, and
 * IAM names are unique in the whole account, so two stacks of one project and environment in one
 * account collide; repository names (`<namespace>/<key>`, a namespace may be configured) are
 * unique per registry, so per account and region.
 */
function nameProblems(stacks: readonly PlacedStack[], groups: readonly Placement[]): string[] {
  const problems: string[] = [];
  const prefixes = new Map<string, PlacedStack[]>();
  for (const stack of stacks) {
    const { account, project, environment } = stack.settings;
    if (!account) continue;
    const key = `${account.id} ${project}-${environment}`;
    prefixes.set(key, [...(prefixes.get(key) ?? []), stack]);
  }
  for (const [key, same] of prefixes) {
    if (same.length < 2) continue;
    const [accountId, prefix] = key.split(" ");
    problems.push(`${same.map((s) => s.file).join(" and ")} both name their resources ${prefix}-* in account ${accountId}, whose IAM names are account-wide: give each its own platform:project or platform:environment`);
  }
  for (const group of groups) {
    const owners = new Map<string, string>();
    for (const stack of group.stacks) {
      for (const name of repositoryNames(stack.settings)) {
        const other = owners.get(name);
        if (other) problems.push(`${other} and ${stack.file} both create the repository ${name} in account ${group.accountId} in ${group.region}: ECR repository names are unique per registry`);
        else owners.set(name, stack.file);
      }
    }
  }
  return problems;
}

/** A standby is in its primary's account, and its primary's images reach its region. */
function standbyProblems(standby: PlacedStack, primary: PlacedStack, groups: readonly Placement[]): string[] {
  const own = standby.settings.account;
  const theirs = primary.settings.account;
  if (!own || !theirs) return [];
  if (own.id !== theirs.id) {
    return [
      `${standby.file} is in account ${own.id} but stands by for ${primary.file} in ${theirs.id}: a standby deploys into its primary's account ` +
        "(the database copy, the buckets' replication role and the registry's copies are made with one account's credentials)",
    ];
  }
  if (standby.settings.storage.repositories.length === 0) return [];
  const names = repositoryNames(primary.settings);
  const source = groups.find((g) => g.accountId === theirs.id && g.region === primary.settings.region);
  const owner = source?.baselineOwner;
  const where = `account ${theirs.id} in ${primary.settings.region}`;
  if (!owner) {
    return [`${standby.file} expects ${primary.file}'s images in ${standby.settings.region}, but no stack of the set owns the baseline of ${where} to replicate them (platform:account.baseline.registryReplication)`];
  }
  const rules = (owner.settings.account?.baseline?.registryReplication ?? []).filter((r) => r.region === standby.settings.region);
  const missed = names.filter((name) => !rules.some((rule) => !rule.repositoryPrefixes || rule.repositoryPrefixes.some((prefix) => name.startsWith(prefix))));
  if (missed.length === 0) return [];
  return [
    `${standby.file} expects ${primary.file}'s images in ${standby.settings.region}, but the registry replication of ${where} (${owner.file}, platform:account.baseline.registryReplication) ` +
      `copies no ${missed.join(", ")} there`,
  ];
}

/** The repositories a stack creates: `<namespace>/<key>`, what the registry's filters match. */
function repositoryNames(settings: PlatformSettings): string[] {
  const namespace = settings.storage.repositoryNamespace ?? `${settings.project}-${settings.environment}`;
  return settings.storage.repositories.map((r) => repositoryName(namespace, r.name));
}
