import { autoName, hex } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const elasticacheResources: Record<string, ResourceModel> = {
  "aws:elasticache/replicationGroup:ReplicationGroup": (ctx) => {
    const id = (ctx.inputs.replicationGroupId ?? autoName(ctx.name, ctx.seed)).toLowerCase();
    const suffix = `${hex(ctx.seed, 6)}.${ctx.region === "ap-northeast-1" ? "apne1" : "apne2"}.cache.amazonaws.com`;
    const clusterMode = ctx.inputs.clusterMode === "enabled" || (ctx.inputs.numNodeGroups ?? 1) > 1;
    const nodes = ctx.inputs.numCacheClusters ?? (ctx.inputs.numNodeGroups ?? 1) * (1 + (ctx.inputs.replicasPerNodeGroup ?? 0));
    return {
      id,
      state: {
        replicationGroupId: id,
        arn: arnOf(ctx, "elasticache", `replicationgroup:${id}`),
        clusterEnabled: clusterMode,
        primaryEndpointAddress: clusterMode ? undefined : `master.${id}.${suffix}`,
        readerEndpointAddress: clusterMode ? undefined : `replica.${id}.${suffix}`,
        configurationEndpointAddress: clusterMode ? `clustercfg.${id}.${suffix}` : undefined,
        memberClusters: Array.from({ length: nodes }, (_, i) => `${id}-00${i + 1}`),
        port: ctx.inputs.port ?? 6379,
      },
    };
  },
};
