import { dataIdentifiers } from "../../model/data/engines";
import { readinessSpec as specOf, ReadinessSpec } from "../../model/dr/readiness-spec";
import { bucketName } from "../../model/storage/naming";
import type { PlatformSettings } from "../../model/platform";

export type { ReadinessSpec, StoreLocator, StoreSpec } from "../../model/dr/readiness-spec";
export { replicationRuleId } from "../../model/dr/readiness-spec";

interface Stack {
  readonly name: string;
  readonly config: PlatformSettings;
}

/**
 * The spec from the pair's stack files: the primary's names as its config makes them (the
 * scheduled check in the standby region takes them from the primary's outputs instead).
 */
export function readinessSpec(primary: Stack, standby: Stack): ReadinessSpec {
  const p = primary.config;
  const s = standby.config;
  const account = s.account?.id ?? "000000000000";
  const primaryAccount = p.account?.id ?? account;
  const buckets = (c: PlatformSettings, accountId: string) => Object.fromEntries(c.storage.buckets.map((b) => [b.name, bucketName(`${c.project}-${c.environment}`, b.name, accountId, c.region)]));
  // The standby's replica buckets are named after the primary's keys (components/dr/replication.ts).
  const ownBuckets = Object.fromEntries((s.dr?.replica?.buckets ?? []).map((b) => [b.name, bucketName(`${s.project}-${s.environment}`, b.name, account, s.region)]));
  const database = p.data?.database;
  return specOf(
    standby,
    {
      stack: primary.name,
      region: p.region,
      bucketNames: buckets(p, primaryAccount),
      databaseArn: database ? `arn:aws:rds:${p.region}:${primaryAccount}:${database.engine === "postgres" ? "db" : "cluster"}:${dataIdentifiers(p.project, p.environment).database}` : undefined,
    },
    ownBuckets,
  );
}
