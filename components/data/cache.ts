import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { CacheSettings } from "../../model/data/settings";
import { StackContext } from "../shared/context";
import { TierComponent } from "../shared/tier";
import type { DataProtection } from "../../model/stack";
import { generatedSecret } from "./credentials";
import type { LogGroupArgs } from "../shared/logs";
import { RotationArgs, SecretRotator } from "../shared/secret-rotator";
import { jsonText } from "../shared/json";

export interface CacheArgs {
  /** Names the replication group's description after the stack (`<namePrefix> Redis`). */
  readonly context: StackContext;
  /** Node type, topology, snapshots and windows, as validated by `platform:data.cache`. */
  readonly settings: CacheSettings;
  /** Replication group id, at most 40 characters, e.g. `platform-prod-cache`. */
  readonly replicationGroupId: string;
  /** Secrets Manager name of the AUTH token, e.g. `platform/prod/redis-auth` (seed 003: onno/redis-auth-token). */
  readonly secretName: string;
  /** The private-data subnets. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** The cache security group (ingress from app, jobs and bastion only). */
  readonly securityGroupId: pulumi.Input<string>;
  /** The data key: encryption at rest and the AUTH secret. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** `protected`: Pulumi `protect`, a final snapshot and a 30-day secret recovery window; `disposable`: a clean destroy. */
  readonly protection: DataProtection;
  /** The log groups of `settings.logDelivery`: the stack's retention and logs key. */
  readonly logs: LogGroupArgs;
  /** The AUTH token's rotation (every `settings.rotationDays`). */
  readonly rotation: RotationArgs;
}

/**
 * ElastiCache for Redis OSS 7: a replication group in the private-data subnets, encrypted at rest
 * with the data key and in transit (TLS required), with an AUTH token generated into Secrets
 * Manager. single-node (dev), replicated (primary + replicas, failover, Multi-AZ) or cluster mode.
 *
 * The AUTH token is generated and stored like the database's master password (credentials.ts),
 * with the host and port in the same secret, so services and jobs read both stores' credentials
 * the same way. The parameter group's name carries the mode, so switching to or from cluster mode
 * creates a new group instead of changing one a running group uses.
 */
export class Cache extends TierComponent {
  /** Primary endpoint, or the configuration endpoint in cluster mode. */
  readonly endpoint: pulumi.Output<string>;
  /** Reader endpoint of a replicated (non-cluster) group. */
  readonly readerEndpoint?: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  /** ARN of the AUTH-token secret (JSON: authToken, host, port). */
  readonly authSecretArn: pulumi.Output<string>;
  readonly replicationGroupId: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super("data", "Cache", name, opts);
    const { settings } = args;
    const topology = cacheTopology(settings);
    const protect = args.protection === "protected";

    const subnetGroup = new aws.elasticache.SubnetGroup(
      `${name}-subnets`,
      { name: args.replicationGroupId, description: `${args.replicationGroupId}: private-data subnets`, subnetIds: [...args.subnetIds] },
      { parent: this },
    );
    const parameterGroup = new aws.elasticache.ParameterGroup(
      `${name}-params`,
      {
        // Cluster mode needs its own group; the mode is in the name so switching creates a new one.
        name: `${args.replicationGroupId}-redis7-${topology.clusterMode ? "cluster" : "single"}`,
        family: "redis7",
        description: `${args.replicationGroupId}: eviction ${settings.maxmemoryPolicy}`,
        parameters: [
          { name: "cluster-enabled", value: topology.clusterMode ? "yes" : "no" },
          { name: "maxmemory-policy", value: settings.maxmemoryPolicy },
        ],
      },
      { parent: this },
    );
    const auth = generatedSecret(
      name,
      {
        secretName: args.secretName,
        description: `${args.replicationGroupId} AUTH token (authToken, host, port)`,
        kmsKeyArn: args.kmsKeyArn,
        protection: args.protection,
        ...tokenRules,
      },
      this,
    );
    // Created before the group, with retention and key: ElastiCache only writes into them
    // (LogDeliveryConfigurationRequest, ElastiCache API Reference: destination cloudwatch-logs).
    const logDelivery = settings.logDelivery.map((logType) => {
      const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-log-${logType}`,
        { name: `/aws/elasticache/${args.replicationGroupId}/${logType}`, retentionInDays: args.logs.retentionDays, kmsKeyId: args.logs.kmsKeyArn },
        { parent: this, protect: args.logs.protect },
      );
      return { destination: logGroup.name, destinationType: "cloudwatch-logs", logFormat: "json", logType };
    });
    const group = new aws.elasticache.ReplicationGroup(
      `${name}-group`,
      {
        replicationGroupId: args.replicationGroupId,
        description: `${args.context.namePrefix} Redis (${settings.mode})`,
        engine: "redis",
        engineVersion: settings.engineVersion,
        nodeType: settings.nodeType,
        port: redisPort,
        parameterGroupName: parameterGroup.name,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [args.securityGroupId],
        atRestEncryptionEnabled: true,
        kmsKeyId: args.kmsKeyArn,
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        authToken: auth.value,
        clusterMode: topology.clusterMode ? "enabled" : "disabled",
        ...(topology.clusterMode
          ? { numNodeGroups: settings.shards, replicasPerNodeGroup: settings.replicasPerShard }
          : { numCacheClusters: topology.nodeCount }),
        automaticFailoverEnabled: topology.automaticFailover,
        multiAzEnabled: topology.multiAz,
        snapshotRetentionLimit: settings.snapshotRetentionDays,
        snapshotWindow: settings.snapshotWindow,
        maintenanceWindow: settings.maintenanceWindow,
        finalSnapshotIdentifier: protect ? `${args.replicationGroupId}-final` : undefined,
        autoMinorVersionUpgrade: true,
        logDeliveryConfigurations: logDelivery.length > 0 ? logDelivery : undefined,
      },
      { parent: this, protect },
    );

    this.endpoint = topology.clusterMode ? group.configurationEndpointAddress : group.primaryEndpointAddress;
    this.readerEndpoint = !topology.clusterMode && topology.multiAz ? group.readerEndpointAddress : undefined;
    this.port = group.port.apply((port) => port ?? redisPort);
    auth.store((token) => jsonText({ authToken: token, host: this.endpoint, port: redisPort }));
    // ROTATE keeps the old token valid beside the new one, so running tasks keep working; they
    // are restarted all the same, to hold the current token before the next rotation drops it.
    new SecretRotator(
      `${name}-rotation`,
      {
        context: args.context,
        key: "cache",
        secretArn: auth.secret.arn,
        secretKeyArn: args.kmsKeyArn,
        target: { kind: "elasticache", identifier: group.replicationGroupId, arn: group.arn },
        valueKey: "authToken",
        valueLength: tokenRules.lengthCharacters,
        valueSpecials: tokenRules.specialCharacters,
        schedule: { everyDays: settings.rotationDays, logs: args.rotation.logs },
        redeploy: args.rotation.redeploy.cache ?? [],
      },
      { parent: this },
    );
    this.authSecretArn = auth.secret.arn;
    this.replicationGroupId = group.replicationGroupId;
    this.arn = group.arn;
    this.registerOutputs({
      endpoint: this.endpoint,
      readerEndpoint: this.readerEndpoint,
      port: this.port,
      authSecretArn: this.authSecretArn,
      replicationGroupId: this.replicationGroupId,
    });
  }
}

/** ElastiCache AUTH tokens: 16-128 printable characters; of the specials only !&#$^<>- (ElastiCache User Guide, AUTH). */
const tokenRules = { lengthCharacters: 64, specialCharacters: "!&#$^<>-" };

/** Redis's port: the replication group listens on it and the AUTH secret names it. */
export const redisPort = 6379;

/** Replicas and Multi-AZ per mode: what AWS accepts for each topology. */
export function cacheTopology(settings: Pick<CacheSettings, "mode" | "shards" | "replicasPerShard">) {
  const replicas = settings.mode === "single-node" ? 0 : settings.replicasPerShard;
  return {
    clusterMode: settings.mode === "cluster",
    nodeCount: (settings.mode === "cluster" ? settings.shards : 1) * (1 + replicas),
    // Cluster mode requires automatic failover; elsewhere it needs a replica to fail over to.
    automaticFailover: settings.mode === "cluster" || replicas > 0,
    multiAz: replicas > 0,
  };
}
