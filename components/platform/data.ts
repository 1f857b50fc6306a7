import { dataIdentifiers } from "../../model/data/engines";
import { servicesReadingSecrets } from "../../model/security/rotation";
import type { DataSettings } from "../../model/data/settings";
import type { PlatformSettings } from "../../model/platform";
import { Cache } from "../data/cache";
import { Database } from "../data/database";
import type { Network } from "../network";
import type { SecurityGroups } from "../security/groups";
import type { Keys } from "../security/keys";
import type { StackBase } from "./stack";

/** The data tier of a stack that has one (a standby's stores are the dr tier's replicas). */
export interface DataTier {
  readonly database: Database;
  readonly cache: Cache;
}

export interface DataDependencies {
  readonly keys: Keys;
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  /** The backup tier's selection tag, when backups are on: the database carries it. */
  readonly backupTag?: { readonly key: string; readonly value: string };
}

/** Settings -> the data tier: the database and the cache, their credentials in Secrets Manager. */
export function buildData(config: PlatformSettings, stack: StackBase, deps: DataDependencies): DataTier | undefined {
  return config.data && buildStores(config, config.data, stack, deps);
}

function buildStores(config: PlatformSettings, data: DataSettings, { context, opts }: StackBase, deps: DataDependencies): DataTier {
  const { keys, network, securityGroups } = deps;
  const ids = dataIdentifiers(config.project, config.environment);
  // Seed 001's secret names: codemate/{env}/database.
  const secretPrefix = `${config.project}/${config.environment}`;
  const logs = { retentionDays: config.logs.retentionDays, kmsKeyArn: keys.logs.arn, protect: config.dataProtection === "protected" };
  // The rotation functions are Lambdas: their logs keep the jobs' retention (seed 004: Lambda logs 30 days).
  const rotation = { context, logs: { ...logs, retentionDays: config.logs.jobRetentionDays ?? config.logs.retentionDays }, redeploy: servicesReadingSecrets(config.compute, context.namePrefix) };
  const database = new Database(
    ids.database,
    {
      context,
      settings: data.database,
      identifier: ids.database,
      secretName: `${secretPrefix}/database`,
      subnetIds: network.dataSubnetIds,
      availabilityZones: config.network.availabilityZones,
      securityGroupId: securityGroups.database.id,
      kmsKeyArn: keys.data.arn,
      logs: { ...logs, retentionDays: config.logs.databaseRetentionDays ?? config.logs.retentionDays },
      protection: config.dataProtection,
      backupTag: deps.backupTag,
      rotation,
    },
    opts,
  );
  const cache = new Cache(
    ids.cache,
    {
      context,
      settings: data.cache,
      replicationGroupId: ids.cache,
      secretName: `${secretPrefix}/redis-auth`,
      subnetIds: network.dataSubnetIds,
      securityGroupId: securityGroups.cache.id,
      kmsKeyArn: keys.data.arn,
      protection: config.dataProtection,
      logs,
      rotation,
    },
    opts,
  );
  return { database, cache };
}
