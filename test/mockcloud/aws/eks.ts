import { autoName, hex } from "../ids";
import { ModelContext, ResourceModel } from "../model";
import { arnOf } from "./shared";

const oidcIssuer = (ctx: ModelContext) => `oidc.eks.${ctx.region}.amazonaws.com/id/${hex(ctx.seed, 32).toUpperCase()}`;
const apiEndpoint = (ctx: ModelContext) => `https://${hex(ctx.seed, 32).toUpperCase()}.gr7.${ctx.region}.eks.amazonaws.com`;

export const eksResources: Record<string, ResourceModel> = {
  "aws:eks/cluster:Cluster": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    return {
      id: name,
      state: {
        name,
        arn: arnOf(ctx, "eks", `cluster/${name}`),
        endpoint: apiEndpoint(ctx),
        identities: [{ oidcs: [{ issuer: `https://${oidcIssuer(ctx)}` }] }],
        certificateAuthority: { data: Buffer.from(`mock-ca-${ctx.seed}`).toString("base64") },
        platformVersion: "eks.1",
        status: "ACTIVE",
      },
    };
  },
  "aws:eks/nodeGroup:NodeGroup": (ctx) => {
    const name = ctx.inputs.nodeGroupName ?? autoName(ctx.name, ctx.seed);
    return { id: `${ctx.inputs.clusterName}:${name}`, state: { nodeGroupName: name, arn: arnOf(ctx, "eks", `nodegroup/${ctx.inputs.clusterName}/${name}/${hex(ctx.seed, 8)}`), status: "ACTIVE" } };
  },
  /** @pulumi/eks's remote component: its outputs, computed from its inputs. */
  "eks:index:Cluster": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    const issuer = oidcIssuer(ctx);
    return {
      id: "",
      state: {
        kubeconfigJson: JSON.stringify({ apiVersion: "v1", clusters: [{ name, cluster: { server: apiEndpoint(ctx) } }] }),
        clusterSecurityGroupId: `sg-${hex(`${ctx.seed}cluster`, 17)}`,
        nodeSecurityGroupId: `sg-${hex(`${ctx.seed}node`, 17)}`,
        oidcProviderArn: `arn:aws:iam::${ctx.accountId}:oidc-provider/${issuer}`,
        oidcProviderUrl: `https://${issuer}`,
        oidcIssuer: issuer,
        eksCluster: { name, arn: arnOf(ctx, "eks", `cluster/${name}`), endpoint: apiEndpoint(ctx) },
      },
    };
  },
};
