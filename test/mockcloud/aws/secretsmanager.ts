import { autoName, hex } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const secretsManagerResources: Record<string, ResourceModel> = {
  "aws:secretsmanager/secret:Secret": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    // Secrets Manager appends a 6-character suffix to every secret ARN.
    const arn = arnOf(ctx, "secretsmanager", `secret:${name}-${hex(ctx.seed, 6)}`);
    return { id: arn, state: { name, arn } };
  },
};
