import { autoName } from "../ids";
import { ResourceModel } from "../model";

export const backupResources: Record<string, ResourceModel> = {
  "aws:backup/vault:Vault": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    if (!/^[A-Za-z0-9_.-]{2,50}$/.test(name)) throw new Error(`backup: invalid vault name '${name}'`);
    return { id: name, state: { name, arn: `arn:aws:backup:${ctx.region}:${ctx.accountId}:backup-vault:${name}`, recoveryPoints: 0 } };
  },
};
