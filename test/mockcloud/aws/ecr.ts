import { autoName } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const ecrResources: Record<string, ResourceModel> = {
  "aws:ecr/repository:Repository": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    return {
      id: name,
      state: { name, arn: arnOf(ctx, "ecr", `repository/${name}`), registryId: ctx.accountId, repositoryUrl: `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${name}` },
    };
  },
};
