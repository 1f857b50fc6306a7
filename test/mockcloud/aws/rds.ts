import { autoName, hex } from "../ids";
import { ModelContext, ResourceModel } from "../model";
import { arnOf } from "./shared";

/** RDS endpoints: `<identifier>.<12-char account-region hash>.<region>.rds.amazonaws.com`. */
const endpointHost = (ctx: ModelContext, identifier: string, kind = "") => `${identifier}.${kind}c${hex(`${ctx.accountId}:${ctx.region}`, 11)}.${ctx.region}.rds.amazonaws.com`;
const defaultPort = (engine: string | undefined) => (String(engine ?? "").includes("mysql") || String(engine ?? "").includes("mariadb") ? 3306 : 5432);

export const rdsResources: Record<string, ResourceModel> = {
  "aws:rds/instance:Instance": (ctx) => {
    const identifier = ctx.inputs.identifier ?? autoName(ctx.name, ctx.seed).toLowerCase();
    const port = ctx.inputs.port ?? defaultPort(ctx.inputs.engine);
    const address = endpointHost(ctx, identifier);
    return {
      id: identifier,
      state: {
        identifier,
        arn: arnOf(ctx, "rds", `db:${identifier}`),
        address,
        endpoint: `${address}:${port}`,
        port,
        hostedZoneId: "ZLA2NUCOLGUUR",
        resourceId: `db-${hex(ctx.seed, 26).toUpperCase()}`,
        status: "available",
      },
    };
  },
  "aws:rds/cluster:Cluster": (ctx) => {
    const identifier = ctx.inputs.clusterIdentifier ?? autoName(ctx.name, ctx.seed).toLowerCase();
    return {
      id: identifier,
      state: {
        clusterIdentifier: identifier,
        arn: arnOf(ctx, "rds", `cluster:${identifier}`),
        endpoint: endpointHost(ctx, identifier, "cluster-"),
        readerEndpoint: endpointHost(ctx, identifier, "cluster-ro-"),
        port: ctx.inputs.port ?? defaultPort(ctx.inputs.engine),
        clusterResourceId: `cluster-${hex(ctx.seed, 26).toUpperCase()}`,
        hostedZoneId: "ZLA2NUCOLGUUR",
      },
    };
  },
  "aws:rds/clusterInstance:ClusterInstance": (ctx) => {
    const identifier = ctx.inputs.identifier ?? autoName(ctx.name, ctx.seed).toLowerCase();
    return {
      id: identifier,
      state: {
        identifier,
        arn: arnOf(ctx, "rds", `db:${identifier}`),
        endpoint: endpointHost(ctx, identifier),
        port: defaultPort(ctx.inputs.engine),
        dbiResourceId: `db-${hex(ctx.seed, 26).toUpperCase()}`,
        storageEncrypted: true,
        writer: ctx.inputs.promotionTier === 0,
      },
    };
  },
  "aws:rds/parameterGroup:ParameterGroup": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed).toLowerCase();
    return { id: name, state: { name, arn: arnOf(ctx, "rds", `pg:${name}`) } };
  },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed).toLowerCase();
    return { id: name, state: { name, arn: arnOf(ctx, "rds", `cluster-pg:${name}`) } };
  },
  "aws:rds/subnetGroup:SubnetGroup": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed).toLowerCase();
    return { id: name, state: { name, arn: arnOf(ctx, "rds", `subgrp:${name}`) } };
  },
};
