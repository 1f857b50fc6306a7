import { autoName, hex } from "../ids";
import { num, str } from "../inputs";
import { ModelContext, ResourceModel } from "../model";
import { arnOf } from "./shared";

/** ElastiCache's short region codes in endpoint names. */
const regionCodes: Record<string, string> = {
  "ap-northeast-1": "apne1",
  "ap-northeast-2": "apn2",
  "ap-northeast-3": "apn3",
  "us-east-1": "use1",
  "us-west-2": "usw2",
};

const cacheArn = (ctx: ModelContext, resource: string) => arnOf(ctx, "elasticache", resource);

/**
 * Endpoints as ElastiCache names them: with TLS, `master.<id>.<hash>.<code>.cache.amazonaws.com`
 * and `replica.` for the readers; without TLS, the node-group form `<id>.<hash>.ng.0001...`;
 * in cluster mode one `clustercfg.` configuration endpoint. The hash is fixed per account and region.
 */
const replicationGroup: ResourceModel = (ctx) => {
  const id = String(ctx.inputs.replicationGroupId).toLowerCase();
  const code = regionCodes[ctx.region];
  if (!code) throw new Error(`mock ElastiCache has no endpoint code for region ${ctx.region}`);
  const suffix = `${hex(`elasticache:${ctx.accountId}:${ctx.region}`, 6)}.${code}.cache.amazonaws.com`;
  const numNodeGroups = num(ctx.inputs, "numNodeGroups") ?? 1;
  const clusterMode = ctx.inputs.clusterMode === "enabled" || numNodeGroups > 1;
  const tls = Boolean(ctx.inputs.transitEncryptionEnabled);
  const shards = clusterMode ? numNodeGroups : 1;
  const perShard = clusterMode ? 1 + (num(ctx.inputs, "replicasPerNodeGroup") ?? 0) : (num(ctx.inputs, "numCacheClusters") ?? 1);
  const memberClusters: string[] = [];
  for (let shard = 1; shard <= shards; shard++) {
    for (let node = 1; node <= perShard; node++) {
      memberClusters.push(clusterMode ? `${id}-${String(shard).padStart(4, "0")}-${String(node).padStart(3, "0")}` : `${id}-${String(node).padStart(3, "0")}`);
    }
  }
  return {
    id,
    state: {
      arn: cacheArn(ctx, `replicationgroup:${id}`),
      port: ctx.inputs.port ?? 6379,
      clusterEnabled: clusterMode,
      memberClusters,
      engineVersionActual: `${str(ctx.inputs, "engineVersion") ?? "7.1"}.0`,
      configurationEndpointAddress: clusterMode ? `clustercfg.${id}.${suffix}` : undefined,
      primaryEndpointAddress: clusterMode ? undefined : tls ? `master.${id}.${suffix}` : `${id}.${suffix.replace(".", ".ng.0001.")}`,
      readerEndpointAddress: clusterMode ? undefined : tls ? `replica.${id}.${suffix}` : `${id}-ro.${suffix.replace(".", ".ng.0001.")}`,
    },
  };
};

const named = (kind: string): ResourceModel => (ctx) => {
  const name = (str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed)).toLowerCase();
  return { id: name, state: { name, arn: cacheArn(ctx, `${kind}:${name}`) } };
};

export const elasticacheResources: Record<string, ResourceModel> = {
  "aws:elasticache/replicationGroup:ReplicationGroup": replicationGroup,
  "aws:elasticache/subnetGroup:SubnetGroup": named("subnetgroup"),
  "aws:elasticache/parameterGroup:ParameterGroup": named("parametergroup"),
};
