import { scheduleExpressionProblem } from "../../../model/schedule/expression";
import { autoName, hex, uuid } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const backupResources: Record<string, ResourceModel> = {
  "aws:backup/vault:Vault": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    if (!/^[A-Za-z0-9_.-]{2,50}$/.test(name)) throw new Error(`backup: invalid vault name '${name}'`);
    return { id: name, state: { name, arn: arnOf(ctx, "backup", `backup-vault:${name}`), recoveryPoints: 0 } };
  },
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration": (ctx) => ({
    id: String(ctx.inputs.backupVaultName),
    state: { backupVaultArn: arnOf(ctx, "backup", `backup-vault:${ctx.inputs.backupVaultName}`) },
  }),
  "aws:backup/plan:Plan": (ctx) => {
    const id = uuid(ctx.seed);
    for (const rule of ctx.inputs.rules ?? []) {
      const problem = scheduleExpressionProblem(String(rule.schedule), ["cron"]);
      if (problem) throw new Error(`backup: rule ${rule.ruleName}: ${problem}`);
      if (rule.startWindow !== undefined && rule.startWindow < 60) throw new Error(`backup: rule ${rule.ruleName}: StartWindowMinutes must be at least 60`);
    }
    return { id, state: { arn: arnOf(ctx, "backup", `backup-plan:${id}`), version: hex(ctx.seed, 32) } };
  },
  "aws:backup/selection:Selection": (ctx) => {
    if (!/^[A-Za-z0-9_.-]{1,50}$/.test(String(ctx.inputs.name))) throw new Error(`backup: invalid selection name '${ctx.inputs.name}'`);
    return { id: uuid(ctx.seed), state: {} };
  },
};
