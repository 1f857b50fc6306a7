import { scheduleExpressionProblem } from "../../../model/schedule/expression";
import { autoName, hex, uuid } from "../ids";
import { num, records, str } from "../inputs";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const backupResources: Record<string, ResourceModel> = {
  "aws:backup/vault:Vault": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    if (!/^[A-Za-z0-9_.-]{2,50}$/.test(name)) throw new Error(`backup: invalid vault name '${name}'`);
    return { id: name, state: { name, arn: arnOf(ctx, "backup", `backup-vault:${name}`), recoveryPoints: 0 } };
  },
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration": (ctx) => ({
    id: String(ctx.inputs.backupVaultName),
    state: { backupVaultArn: arnOf(ctx, "backup", `backup-vault:${str(ctx.inputs, "backupVaultName")}`) },
  }),
  "aws:backup/plan:Plan": (ctx) => {
    const id = uuid(ctx.seed);
    for (const rule of records(ctx.inputs, "rules") ?? []) {
      const ruleName = str(rule, "ruleName");
      const problem = scheduleExpressionProblem(String(rule.schedule), ["cron"]);
      if (problem) throw new Error(`backup: rule ${ruleName}: ${problem}`);
      const startWindow = num(rule, "startWindow");
      if (startWindow !== undefined && startWindow < 60) throw new Error(`backup: rule ${ruleName}: StartWindowMinutes must be at least 60`);
    }
    return { id, state: { arn: arnOf(ctx, "backup", `backup-plan:${id}`), version: hex(ctx.seed, 32) } };
  },
  "aws:backup/selection:Selection": (ctx) => {
    const name = str(ctx.inputs, "name");
    if (!/^[A-Za-z0-9_.-]{1,50}$/.test(String(name))) throw new Error(`backup: invalid selection name '${name}'`);
    return { id: uuid(ctx.seed), state: {} };
  },
};
