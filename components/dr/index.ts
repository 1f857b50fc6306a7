import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { CacheSettings } from "../../model/data/settings";
import type { DrState, ReplicaDatabaseSettings } from "../../model/dr/settings";
import { Cache } from "../data/cache";
import { RedeployTarget, SecretRotator } from "../shared/secret-rotator";
import type { DataProtection } from "../../model/stack";
import { StackContext } from "../shared/context";
import type { ProviderAccess } from "../shared/provider-access";
import { LifecycleRule } from "../../model/storage/settings";
import { TierComponent } from "../shared/tier";
import { replicaCredentials } from "./credentials";
import { StandbyDatabase, standbyDatabase } from "./database";
import { PrimaryStack } from "./primary";
import { failbackReplicationRuleId, ReplicatedBucket, standbyReplicationRuleId } from "./replication";

export interface StandbyArgs {
  /** The standby's own account and region: the replicas, the vault and the registry destination. */
  readonly context: StackContext;
  /** The primary stack: `<organization>/<project>/<stack>` in the state backend, and its short name. */
  readonly primary: {
    /** `<organization>/<project>/<stack>`, what the StackReference reads. */
    readonly qualifiedName: string;
    /** The stack's short name, for messages and the failover records. */
    readonly stack: string;
  };
  /** Default tags of the provider for the primary's region (the stack's own). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The stack's account settings, which the provider for the primary's region takes too: the
   * primary is in this account (its database copy and the replication rules are made from here).
   */
  readonly access: ProviderAccess;
  /** `platform:dr.state` of this stack. */
  readonly state: DrState;
  /** `protected`: the copies are Pulumi-protected and leave final snapshots; `disposable`: a clean destroy. */
  readonly protection: DataProtection;
  /** Physical names: database and cache identifiers, the secrets' path, the vault. */
  readonly names: {
    /** The database copy's instance or cluster identifier (the data tier's naming). */
    readonly database: string;
    /** The cache's replication group id (the data tier's naming). */
    readonly cache: string;
    /** Secret names are `<secretPath>/database` and `<secretPath>/redis-auth`. */
    readonly secretPath: string;
    /** The vault that receives the primary's backup copies. */
    readonly vault: string;
  };
  /** The standby's private-data subnets and their zones. */
  readonly subnets: {
    /** One per zone, in zone order. */
    readonly dataSubnetIds: readonly pulumi.Input<string>[];
    /** The zones of `dataSubnetIds`, in the same order. */
    readonly availabilityZones: readonly string[];
  };
  /** The standby's security groups for the stores (ingress from its app, jobs and bastion only). */
  readonly securityGroups: {
    /** The database group. */
    readonly database: pulumi.Input<string>;
    /** The cache group. */
    readonly cache: pulumi.Input<string>;
  };
  /** The standby region's keys. */
  readonly keys: {
    /** Database, secrets, cache and vault. */
    readonly data: pulumi.Input<string>;
    /** Replica buckets. */
    readonly storage: pulumi.Input<string>;
    /** The database copy's exported log groups. */
    readonly logs: pulumi.Input<string>;
  };
  /** Retention of the database copy's log groups (`platform:logs.databaseRetentionDays`, else `retentionDays`). */
  readonly logRetentionDays: number;
  /** Retention of the cache's log groups, when its settings deliver logs (`platform:logs.retentionDays`). */
  readonly cacheLogRetentionDays: number;
  /** Retention of the rotation functions' log groups (Lambdas: the jobs' retention). */
  readonly functionLogRetentionDays: number;
  /** The copy of the primary's database (`platform:dr.replica.database`); none with promote.database none. */
  readonly database?: ReplicaDatabaseSettings;
  /** The standby's own cache, empty until it serves (promote.cache warm-empty). */
  readonly cache?: CacheSettings;
  /** The standby's services by the secret they read (`database`, `cache`): restarted after a rotation. */
  readonly secretReaders: Readonly<Record<string, readonly RedeployTarget[]>>;
  /** The primary's buckets marked `replicate`, by key, and their replicas' names and lifecycles. */
  readonly buckets: readonly StandbyBucket[];
  /** The log bucket's policy: S3 checks its grant when a replica's access logging is switched on. */
  readonly logBucketPolicy?: pulumi.Resource;
}

/** A bucket of the primary that the standby replicates. */
export interface StandbyBucket {
  /** The primary's bucket key (`platform:dr.replica.buckets[].name`). */
  readonly key: string;
  /** The replica's physical name: the storage tier's naming in this region. */
  readonly replicaName: pulumi.Input<string>;
  /** The replica's lifecycle rules. */
  readonly lifecycle: readonly LifecycleRule[];
  /** Server access logs of the replica to this stack's log bucket; none when omitted. */
  readonly accessLogs?: {
    /** The log bucket's name. */
    readonly bucket: pulumi.Input<string>;
    /** Key prefix of the replica's logs. */
    readonly prefix: string;
  };
  /** The replica replicates back into the primary's bucket (`replicateBack`, default true). */
  readonly replicateBack: boolean;
}

/** A replica bucket of the standby and the link it is the destination of. */
export interface StandbyReplica {
  readonly bucketName: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  readonly encryption: "kms";
  /** The primary's bucket it replicates. */
  readonly sourceBucketName: pulumi.Output<string>;
  /** The replication rule's id on the source bucket. */
  readonly ruleId: string;
  /** The reverse rule's id on the replica (into the source bucket); none with replicateBack false. */
  readonly reverseRuleId?: string;
}

/**
 * The standby side of every store the primary replicates, and every link from the primary: the
 * database copy (RDS cross-region read replica or Aurora global secondary) and its credentials in
 * this region, the standby's own empty cache, replica buckets with the primary buckets'
 * replication rules, and the Backup vault that receives the primary's copies. Links that AWS keeps
 * on the primary's side (the buckets' replication configurations) are created from this stack in
 * the primary's region: the primary never depends on its standby. The primary's container
 * repositories reach this region through the registry replication configuration of the primary's
 * region, which the account baseline there owns (one per registry: see
 * components/storage/registry-replication.ts).
 */
export class Standby extends TierComponent {
  /** The primary's outputs, through a StackReference (the state backend, not the primary's region). */
  readonly primary: PrimaryStack;
  /** A provider for the primary's region: the links the standby owns there. */
  readonly primaryProvider: aws.Provider;
  readonly database?: StandbyDatabase & { readonly secretArn: pulumi.Output<string> };
  readonly cache?: Cache;
  readonly buckets: Readonly<Record<string, StandbyReplica>>;
  readonly vault: aws.backup.Vault;

  constructor(name: string, args: StandbyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dr", "Standby", name, opts);
    const { context } = args;
    const protect = args.protection === "protected";
    const primary = new PrimaryStack(`${name}-primary`, args.primary.qualifiedName, args.primary.stack, { parent: this });
    const primaryRegion = primary.get("region");
    // The standby must stay operable while the primary's region is down. When it is configured,
    // this provider calls STS only (to assume the role and to learn the account that
    // allowedAccountIds is checked against), and `stsRegion` sends those calls to this stack's
    // region: an update that leaves the resources in the primary's region unchanged does not reach
    // that region at all. Without account settings it skips the account look-up altogether; with
    // them it must not, since a provider that skips it has no account id and allowedAccountIds
    // then refuses it (aws-sdk-go-base GetAwsAccountIDAndPartition returns "" for the check).
    const accountBound = args.access.allowedAccountIds !== undefined;
    const primaryProvider = new aws.Provider(
      `${name}-primary-region`,
      {
        region: primaryRegion as pulumi.Output<aws.Region>,
        stsRegion: context.region,
        defaultTags: { tags: args.tags },
        ...args.access,
        skipCredentialsValidation: !accountBound,
        skipRequestingAccountId: !accountBound,
        skipRegionValidation: true,
        skipMetadataApiCheck: true,
      },
      { parent: this },
    );
    if (accountBound) checkPrimaryAccount(primary, context.accountId);
    this.primary = primary;
    this.primaryProvider = primaryProvider;

    if (args.database) {
      const source = primary.get("database");
      const database = standbyDatabase(
        `${name}-db`,
        {
          settings: args.database,
          identifier: args.names.database,
          source: {
            arn: source.apply((db) => {
              if (db.engine !== args.database?.engine) throw new Error(`${primary.stack} runs ${db.engine}, but platform:dr.replica.database.engine is ${args.database?.engine}`);
              return db.arn;
            }),
            globalClusterIdentifier: source.apply((db) => {
              if (db.engine !== "postgres" && !db.globalClusterIdentifier) throw new Error(`${primary.stack}'s ${db.engine} cluster is not a global database (platform:data.database.globalDatabase)`);
              return db.globalClusterIdentifier ?? "";
            }),
          },
          subnetIds: args.subnets.dataSubnetIds,
          availabilityZones: args.subnets.availabilityZones,
          securityGroupId: args.securityGroups.database,
          kmsKeyArn: args.keys.data,
          logs: { retentionDays: args.logRetentionDays, kmsKeyArn: args.keys.logs, protect },
          protection: args.protection,
          serving: args.state === "serving",
        },
        this,
      );
      const secret = replicaCredentials(
        `${name}-db`,
        {
          secretName: `${args.names.secretPath}/database`,
          kmsKeyArn: args.keys.data,
          protect,
          sourceSecretArn: source.apply((db) => db.secretArn),
          host: database.endpoint,
          port: database.port,
          copyFromPrimary: args.state === "standby",
          primaryProvider,
        },
        this,
      );
      if (args.state === "standby") {
        // The primary rotates its password (every platform:data.database.rotationDays); the replica
        // has the new one at once, the copy follows daily. Not while serving: the primary's region
        // may be gone, and the promoted database's own rotation is a rollout of the primary's role.
        new SecretRotator(
          `${name}-db-follow`,
          {
            context,
            key: "database",
            secretArn: secret.arn,
            secretKeyArn: args.keys.data,
            target: {
              kind: "follow",
              sourceSecretArn: source.apply((db) => db.secretArn),
              sourceKeyArn: primary.get("kmsKeyArns").apply((keys) => keys.data),
              sourceRegion: primaryRegion,
            },
            valueKey: "password",
            valueLength: 40,
            valueSpecials: "",
            schedule: { everyDays: 1, logs: { retentionDays: args.functionLogRetentionDays, kmsKeyArn: args.keys.logs, protect } },
            redeploy: args.secretReaders.database ?? [],
          },
          { parent: this },
        );
      }
      this.database = { ...database, secretArn: secret.arn };
    }

    if (args.cache) {
      // Its own cache: prod's node type cannot join a global datastore (platform:dr.promote.cache).
      this.cache = new Cache(
        args.names.cache,
        {
          context,
          settings: args.cache,
          replicationGroupId: args.names.cache,
          secretName: `${args.names.secretPath}/redis-auth`,
          subnetIds: [...args.subnets.dataSubnetIds],
          securityGroupId: args.securityGroups.cache,
          kmsKeyArn: args.keys.data,
          protection: args.protection,
          logs: { retentionDays: args.cacheLogRetentionDays, kmsKeyArn: args.keys.logs, protect: args.protection === "protected" },
          rotation: {
            context,
            logs: { retentionDays: args.functionLogRetentionDays, kmsKeyArn: args.keys.logs, protect: args.protection === "protected" },
            redeploy: args.secretReaders,
          },
        },
        { parent: this },
      );
    }

    const buckets: Record<string, StandbyReplica> = {};
    if (args.buckets.length > 0) {
      const sources = primary.get("buckets");
      const sourceKey = primary.get("kmsKeyArns").apply((keys) => keys.storage);
      for (const bucket of args.buckets) {
        const source = sources.apply((all) => {
          const found = all[bucket.key];
          if (!found) throw new Error(`${primary.stack} has no bucket '${bucket.key}' (platform:dr.replica.buckets): roll ${primary.stack} out first`);
          // Replicas are re-encrypted with the standby's key; S3 selects SSE-KMS sources for that.
          if (found.encryption !== "kms") throw new Error(`${primary.stack}'s bucket '${bucket.key}' is SSE-S3: a replicated bucket must be SSE-KMS (platform:storage.buckets[].encryption)`);
          return found;
        });
        const replica = new ReplicatedBucket(
          `${name}-bucket-${bucket.key}`,
          {
            context,
            source: { bucketName: source.apply((b) => b.bucketName), arn: source.apply((b) => b.arn), kmsKeyArn: sourceKey, region: primaryRegion },
            replicaName: bucket.replicaName,
            kmsKeyArn: args.keys.storage,
            lifecycle: bucket.lifecycle,
            accessLogs: bucket.accessLogs,
            protect,
            primaryProvider,
            replicateBack: bucket.replicateBack,
          },
          { parent: this, dependsOn: args.logBucketPolicy ? [args.logBucketPolicy] : [] },
        );
        buckets[bucket.key] = {
          bucketName: replica.bucketName,
          arn: replica.arn,
          encryption: "kms",
          sourceBucketName: source.apply((b) => b.bucketName),
          ruleId: standbyReplicationRuleId,
          ...(replica.reverse ? { reverseRuleId: failbackReplicationRuleId } : {}),
        };
      }
    }
    this.buckets = buckets;

    // The primary's backup plan copies every recovery point here (platform:backup.copyToVaultArn).
    this.vault = new aws.backup.Vault(`${name}-vault`, { name: args.names.vault, kmsKeyArn: args.keys.data, forceDestroy: !protect }, { parent: this, protect });

    this.registerOutputs({
      databaseEndpoint: this.database?.endpoint,
      cacheEndpoint: this.cache?.endpoint,
      buckets: this.buckets,
      vaultArn: this.vault.arn,
    });
  }
}

/**
 * Fails the update, naming both accounts, when the primary is in another account. A standby
 * deploys into its primary's account: the database copy (an RDS cross-region read replica or an
 * Aurora secondary), the buckets' replication role and the registry's copies are made with this
 * account's credentials and grants. The primary's `accountId` output says where it is. Nothing
 * consumes the check: its rejection ends the program (the Node runtime treats an unhandled
 * rejection as a program error), and no resource waits on it.
 */
function checkPrimaryAccount(primary: PrimaryStack, accountId: pulumi.Input<string>): void {
  pulumi.all([primary.get("accountId"), accountId]).apply(([primaryAccount, own]) => {
    if (primaryAccount !== own) {
      throw new Error(`${primary.stack} is in account ${primaryAccount}, this standby in ${own}: a standby deploys into its primary's account (platform:account.id)`);
    }
  });
}
