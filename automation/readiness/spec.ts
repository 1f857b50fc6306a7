import { dataIdentifiers } from "../../model/data/engines";
import { copiesVaultName, RecoveryMechanism, storeCopies } from "../../model/dr/recovery-point";
import { bucketName, repositoryName } from "../../model/storage/naming";
import type { PlatformSettings } from "../../model/platform";

/**
 * What `readiness` looks at for one standby, derived offline from the pair's stack files with the
 * platform's own naming (the same functions the tiers name resources with): every store the
 * standby expects and where its lag is read, the services a failover scales and the capacity that
 * takes, the images and secrets they need in the standby region, and the failover record.
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
  | { readonly kind: "s3-replication-rtc"; readonly sourceBucket: string; readonly destinationBucket: string; readonly ruleId: string }
  | { readonly kind: "backup-copy"; readonly vaultName: string; readonly resourceArn: string };

export interface StoreSpec {
  readonly store: string;
  readonly mechanism: RecoveryMechanism;
  readonly targetMinutes: number;
  readonly targetField: string;
  readonly locator: StoreLocator;
}

interface Stack {
  readonly name: string;
  readonly config: PlatformSettings;
}

/** The replication rule id the dr tier's ReplicatedBucket puts on the primary's bucket. */
export const replicationRuleId = "standby";

export function readinessSpec(primary: Stack, standby: Stack): ReadinessSpec {
  const p = primary.config;
  const s = standby.config;
  const account = s.account?.id ?? "000000000000";
  const prefix = (c: PlatformSettings) => `${c.project}-${c.environment}`;
  const stores = storeCopies(primary, standby).map((copy): StoreSpec => {
    const base = { store: copy.store, mechanism: copy.mechanism, targetMinutes: copy.target.minutes, targetField: copy.target.field };
    const key = copy.store.startsWith("bucket ") ? copy.store.slice("bucket ".length) : undefined;
    switch (copy.mechanism) {
      case "rds-replica":
        return { ...base, locator: { kind: "rds-replica", instanceIdentifier: dataIdentifiers(s.project, s.environment).database } };
      case "aurora-global":
        return { ...base, locator: { kind: "aurora-global", clusterIdentifier: dataIdentifiers(s.project, s.environment).database } };
      case "s3-replication-rtc":
        return {
          ...base,
          locator: {
            kind: "s3-replication-rtc",
            sourceBucket: bucketName(prefix(p), key ?? "", p.account?.id ?? account, p.region),
            destinationBucket: bucketName(prefix(s), key ?? "", account, s.region),
            ruleId: replicationRuleId,
          },
        };
      case "backup-copy": {
        const resourceArn = key
          ? `arn:aws:s3:::${bucketName(prefix(p), key, p.account?.id ?? account, p.region)}`
          : `arn:aws:rds:${p.region}:${p.account?.id ?? account}:${p.data?.database.engine === "postgres" ? "db" : "cluster"}:${dataIdentifiers(p.project, p.environment).database}`;
        return { ...base, locator: { kind: "backup-copy", vaultName: copiesVaultName(s, primary.name), resourceArn } };
      }
    }
  });
  const restoresOnly = s.dr?.standby?.mode === "backup-restore";
  const compute = s.compute;
  const services =
    !restoresOnly && compute?.engine === "ecs"
      ? {
          cluster: `${prefix(s)}-cluster`,
          // A failover raises each service to its serving minimum (model/dr/standby-size.ts): the larger of min and the schedules' minimums.
          items: compute.services.map((svc) => ({ name: svc.name, tasks: Math.max(svc.scaling.min, ...svc.scaling.schedules.map((x) => x.minCapacity)), vcpu: svc.cpuUnits / 1024 })),
          spotPercent: compute.ecs?.spotPercent ?? 0,
          onDemandBaseTasks: compute.ecs?.onDemandBaseTasks ?? 0,
        }
      : undefined;
  const namespace = s.storage.repositoryNamespace ?? prefix(s);
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
    primary: primary.name,
    region: s.region,
    primaryRegion: p.region,
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
