import { ResourceModel } from "../model";

export const ecrResources: Record<string, ResourceModel> = {
  "aws:ecr/repository:Repository": (ctx) => {
    const name = String(ctx.inputs.name);
    return {
      id: name,
      state: {
        arn: `arn:aws:ecr:${ctx.region}:${ctx.accountId}:repository/${name}`,
        registryId: ctx.accountId,
        repositoryUrl: `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${name}`,
      },
    };
  },
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": (ctx) => ({ id: String(ctx.inputs.repository), state: { registryId: ctx.accountId } }),
};
