import { autoName, uuid } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const backupResources: Record<string, ResourceModel> = {
  "aws:backup/vault:Vault": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    return { id: name, state: { name, arn: arnOf(ctx, "backup", `backup-vault:${name}`), recoveryPoints: 0 } };
  },
  "aws:backup/plan:Plan": (ctx) => {
    const id = uuid(ctx.seed);
    return { id, state: { arn: arnOf(ctx, "backup", `backup-plan:${id}`), version: uuid(`${ctx.seed}v1`) } };
  },
};
