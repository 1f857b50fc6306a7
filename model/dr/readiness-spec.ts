import { dataIdentifiers } from "../data/engines";
import type { PlatformSettings } from "../platform";
import { repositoryName } from "../storage/naming";
import { copiesVaultName, RecoveryMechanism } from "./recovery-point";
import { replicatesBack } from "./settings";

/**
 * What `readiness` looks at for one standby: every store the standby expects and where its lag is
 * read, the services a failover scales and the capacity that takes, the images and secrets they
 * need in the standby region, and the failover record. One derivation for both places that ask:
 * the `readiness` command (automation/readiness/, from the pair's stack files) and the scheduled
 * check in the standby region (components/dr/readiness.ts, from the standby's config and its
 * primary's outputs). Pure: names come from the platform's own naming functions.
 */
export interface ReadinessSpec {
  readonly standby: string;
  readonly primary: string;
  readonly region: string;
  readonly primaryRegion: string;
  readonly mode: string;
  readonly rtoMinutes: number;
  readonly stores: readonly StoreSpec[];
  /** The ECS services a failover scales up, and to what (their serving minimum); none for backup-restore. */
  readonly services?: {
    readonly cluster: string;
    readonly items: readonly { readonly name: string; readonly tasks: number; readonly vcpu: number }[];
    /** Fargate capacity split: tasks above `onDemandBaseTasks` go `spotPercent` % to Spot. */
    readonly spotPercent: number;
    readonly onDemandBaseTasks: number;
  };
  readonly images: readonly { readonly repository: string; readonly tag: string }[];
  readonly secrets: readonly string[];
  /** Names the standby's load balancer must present a certificate for, in its region: its own and the failover name. */
  readonly certificates: readonly string[];
  readonly failover?: { readonly zoneName: string; readonly recordName: string };
}

export type StoreLocator =
  | { readonly kind: "rds-replica"; readonly instanceIdentifier: string }
  | { readonly kind: "aurora-global"; readonly clusterIdentifier: string }
  | {
      readonly kind: "s3-replication-rtc";
      readonly sourceBucket: string;
      readonly destinationBucket: string;
      readonly ruleId: string;
      /** The reverse rule on the replica (destination) into the source bucket, which a failback needs; absent when replicateBack is off. */
      readonly reverseRuleId?: string;
      /** Why replicateBack is off (platform:dr.replica.buckets[].replicateBackOffReason). */
      readonly replicateBackOffReason?: string;
    }
  | { readonly kind: "backup-copy"; readonly vaultName: string; readonly resourceArn: string };

export interface StoreSpec {
  readonly store: string;
  readonly mechanism: RecoveryMechanism;
  readonly targetMinutes: number;
  readonly targetField: string;
  readonly locator: StoreLocator;
}

/** What the spec needs of the primary: names only, so that its outputs serve as well as its config. */
export interface PrimaryNames {
  /** The primary's stack name. */
  readonly stack: string;
  readonly region: string;
  /** The primary's bucket names by key (`platform:storage.buckets[].name`). */
  readonly bucketNames: Readonly<Record<string, string>>;
  /** The primary database's ARN (what its backup copies are of); absent when it has none. */
  readonly databaseArn?: string;
}

/** Fargate's vCPU quotas (Service Quotas, service code `fargate`): on-demand and Spot. */
export const fargateQuotaCodes = { onDemand: "L-3032A538", spot: "L-36FBB829" } as const;

/** The replication rule id the dr tier's ReplicatedBucket puts on the primary's bucket. */
export const replicationRuleId = "standby";
/** The reverse rule's id on the standby's replica (components/dr/replication.ts). */
export const reverseReplicationRuleId = "failback";

interface Stack {
  readonly name: string;
  readonly config: PlatformSettings;
}

/**
 * The stores the standby expects, each with the mechanism its config chose and the target it is
 * held to: the same choice as model/dr/recovery-point.ts `storeCopies` (a test holds the two equal
 * for every standby stack file), without the primary's backup plan, which only bounds the RPO.
 */
function expectedStores(standby: PlatformSettings, primary: PrimaryNames): { store: string; key?: string; back?: string | true; mechanism: RecoveryMechanism; targetMinutes: number; targetField: string }[] {
  const dr = standby.dr;
  if (!dr?.promote) return [];
  const database = { targetMinutes: dr.targets.rpoMinutes, targetField: "platform:dr.targets.rpoMinutes" };
  const files = dr.targets.filesRpoMinutes === undefined ? database : { targetMinutes: dr.targets.filesRpoMinutes, targetField: "platform:dr.targets.filesRpoMinutes" };
  const stores: ReturnType<typeof expectedStores> = [];
  if (dr.promote.database !== "none") stores.push({ store: "database", mechanism: dr.promote.database, ...database });
  else if (dr.replica?.databaseBackups && primary.databaseArn !== undefined) stores.push({ store: "database", mechanism: "backup-copy", ...database });
  for (const bucket of dr.replica?.buckets ?? []) {
    // `back`: true when the replica replicates back, else the reason it does not.
    const back = replicatesBack(bucket) ? true : (bucket.replicateBackOffReason ?? "");
    stores.push({ store: `bucket ${bucket.name}`, key: bucket.name, back, mechanism: bucket.via === "backup-copy" ? "backup-copy" : "s3-replication-rtc", ...files });
  }
  return stores;
}

/** The spec of one standby; `ownBucketNames`: the standby's replica buckets by key. */
export function readinessSpec(standby: Stack, primary: PrimaryNames, ownBucketNames: Readonly<Record<string, string>>): ReadinessSpec {
  const s = standby.config;
  const prefix = `${s.project}-${s.environment}`;
  const ownDatabase = dataIdentifiers(s.project, s.environment).database;
  const sourceBucket = (key: string) => {
    const name = primary.bucketNames[key];
    if (name === undefined) throw new Error(`${primary.stack} has no bucket ${key} (platform:dr.replica.buckets)`);
    return name;
  };
  const stores = expectedStores(s, primary).map(({ key, back, ...base }): StoreSpec => {
    switch (base.mechanism) {
      case "rds-replica":
        return { ...base, locator: { kind: "rds-replica", instanceIdentifier: ownDatabase } };
      case "aurora-global":
        return { ...base, locator: { kind: "aurora-global", clusterIdentifier: ownDatabase } };
      case "s3-replication-rtc":
        return {
          ...base,
          locator: {
            kind: "s3-replication-rtc",
            sourceBucket: sourceBucket(key ?? ""),
            destinationBucket: ownBucketNames[key ?? ""] ?? "",
            ruleId: replicationRuleId,
            ...(back === true ? { reverseRuleId: reverseReplicationRuleId } : { replicateBackOffReason: back ?? "" }),
          },
        };
      case "backup-copy":
        return {
          ...base,
          locator: { kind: "backup-copy", vaultName: copiesVaultName(s, primary.stack), resourceArn: key ? `arn:aws:s3:::${sourceBucket(key)}` : (primary.databaseArn ?? "") },
        };
    }
  });
  const restoresOnly = s.dr?.standby?.mode === "backup-restore";
  const compute = s.compute;
  const services =
    !restoresOnly && compute?.engine === "ecs"
      ? {
          cluster: `${prefix}-cluster`,
          // A failover raises each service to its serving minimum (model/dr/standby-size.ts): the larger of min and the schedules' minimums.
          items: compute.services.map((svc) => ({ name: svc.name, tasks: Math.max(svc.scaling.min, ...svc.scaling.schedules.map((x) => x.minCapacity)), vcpu: svc.cpuUnits / 1024 })),
          spotPercent: compute.ecs?.spotPercent ?? 0,
          onDemandBaseTasks: compute.ecs?.onDemandBaseTasks ?? 0,
        }
      : undefined;
  const namespace = s.storage.repositoryNamespace ?? prefix;
  // Images from the stack's own repositories (ECR replication fills them); an image given by URI is someone else's.
  const images = (compute?.services ?? []).flatMap((svc) => ("repository" in svc.image ? [{ repository: repositoryName(namespace, svc.image.repository), tag: svc.image.tag }] : []));
  const secretPath = `${s.project}/${s.environment}`;
  const secrets = [
    ...Object.keys(s.appSecrets).map((key) => `${secretPath}/${key}`),
    ...(stores.some((x) => x.store === "database" && x.mechanism !== "backup-copy") ? [`${secretPath}/database`] : []),
    ...(s.dr?.promote?.cache === "warm-empty" ? [`${secretPath}/redis-auth`] : []),
  ];
  return {
    standby: standby.name,
    primary: primary.stack,
    region: s.region,
    primaryRegion: primary.region,
    mode: s.dr?.standby?.mode ?? "pilot-light",
    rtoMinutes: s.dr?.targets.rtoMinutes ?? 0,
    stores,
    services,
    images,
    secrets,
    // ACM certificates are regional: the ALB in the standby region serves only certificates issued there.
    certificates: restoresOnly || !s.edge ? [] : [s.edge.domainName, ...(s.dr?.failover ? [s.dr.failover.domainName] : [])],
    failover: s.dr?.failover && s.edge ? { zoneName: s.edge.zone.name, recordName: s.dr.failover.domainName } : undefined,
  };
}
