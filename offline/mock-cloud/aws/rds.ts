import { autoName, hex } from "../ids";
import { num, str } from "../inputs";
import { ModelContext, ResourceModel } from "../model";
import { arnOf, globalArnOf } from "./shared";

/**
 * RDS and Aurora. Endpoints carry a 12-character string that AWS fixes per account and region
 * (`<id>.<hash>.<region>.rds.amazonaws.com`, clusters `<id>.cluster-<hash>...` and
 * `<id>.cluster-ro-<hash>...`), so every database of one account and region shares it.
 */
const accountRegionHash = (ctx: ModelContext) => hex(`rds:${ctx.accountId}:${ctx.region}`, 12);
const rdsArn = (ctx: ModelContext, resource: string) => arnOf(ctx, "rds", resource);
const resourceId = (prefix: string, ctx: ModelContext) => `${prefix}-${hex(ctx.seed, 26).toUpperCase()}`;

function defaultPort(engine: string | undefined): number {
  return /mysql|mariadb/.test(engine ?? "") ? 3306 : 5432;
}

/** RDS identifiers are stored lower-case. */
const identifierOf = (ctx: ModelContext, key: string) => (str(ctx.inputs, key) ?? autoName(ctx.name, ctx.seed)).toLowerCase();

const instance: ResourceModel = (ctx) => {
  const identifier = identifierOf(ctx, "identifier");
  const address = `${identifier}.${accountRegionHash(ctx)}.${ctx.region}.rds.amazonaws.com`;
  const port = num(ctx.inputs, "port") ?? defaultPort(str(ctx.inputs, "engine"));
  return {
    id: identifier,
    state: {
      identifier,
      address,
      port,
      endpoint: `${address}:${port}`,
      arn: rdsArn(ctx, `db:${identifier}`),
      resourceId: resourceId("db", ctx),
      status: "available",
      // A replica reports its source's settings; the model only knows what it was given.
      engineVersionActual: ctx.inputs.engineVersion,
      availabilityZone: ctx.inputs.availabilityZone ?? `${ctx.region}a`,
      caCertIdentifier: ctx.inputs.caCertIdentifier ?? "rds-ca-rsa2048-g1",
    },
  };
};

const cluster: ResourceModel = (ctx) => {
  const identifier = identifierOf(ctx, "clusterIdentifier");
  const hash = accountRegionHash(ctx);
  return {
    id: identifier,
    state: {
      clusterIdentifier: identifier,
      endpoint: `${identifier}.cluster-${hash}.${ctx.region}.rds.amazonaws.com`,
      readerEndpoint: `${identifier}.cluster-ro-${hash}.${ctx.region}.rds.amazonaws.com`,
      port: num(ctx.inputs, "port") ?? defaultPort(str(ctx.inputs, "engine")),
      arn: rdsArn(ctx, `cluster:${identifier}`),
      clusterResourceId: resourceId("cluster", ctx),
      engineVersionActual: ctx.inputs.engineVersion,
    },
  };
};

const clusterInstance: ResourceModel = (ctx) => {
  const identifier = identifierOf(ctx, "identifier");
  return {
    id: identifier,
    state: {
      identifier,
      endpoint: `${identifier}.${accountRegionHash(ctx)}.${ctx.region}.rds.amazonaws.com`,
      port: defaultPort(str(ctx.inputs, "engine")),
      arn: rdsArn(ctx, `db:${identifier}`),
      dbiResourceId: resourceId("db", ctx),
      storageEncrypted: true,
    },
  };
};

const named = (kind: string): ResourceModel => (ctx) => {
  const name = (str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed)).toLowerCase();
  return { id: name, state: { name, arn: rdsArn(ctx, `${kind}:${name}`) } };
};

export const rdsResources: Record<string, ResourceModel> = {
  "aws:rds/instance:Instance": instance,
  "aws:rds/cluster:Cluster": cluster,
  "aws:rds/clusterInstance:ClusterInstance": clusterInstance,
  "aws:rds/globalCluster:GlobalCluster": (ctx) => {
    const id = String(ctx.inputs.globalClusterIdentifier);
    return {
      id,
      state: {
        // Global clusters are not regional: their ARN has no region.
        arn: globalArnOf(ctx, "rds", `global-cluster:${id}`),
        globalClusterResourceId: resourceId("cluster", ctx),
        globalClusterMembers: ctx.inputs.sourceDbClusterIdentifier ? [{ dbClusterArn: ctx.inputs.sourceDbClusterIdentifier, isWriter: true }] : [],
      },
    };
  },
  "aws:rds/parameterGroup:ParameterGroup": named("pg"),
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": named("cluster-pg"),
  "aws:rds/subnetGroup:SubnetGroup": (ctx) => {
    const result = named("subgrp")(ctx);
    return { id: result.id, state: { ...result.state, supportedNetworkTypes: ["IPV4"] } };
  },
};
