import { autoName, hex, uuid } from "../ids";
import { ResourceModel } from "../model";

/** Six random letters and digits, as Secrets Manager appends to a secret's name in its ARN. */
function arnSuffix(seed: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const digits = hex(seed, 12);
  let out = "";
  for (let i = 0; i < 6; i++) out += alphabet[parseInt(digits.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
  return out;
}

export const secretsManagerResources: Record<string, ResourceModel> = {
  "aws:secretsmanager/secret:Secret": (ctx) => {
    const name = String(ctx.inputs.name ?? autoName(ctx.name, ctx.seed));
    const window = ctx.inputs.recoveryWindowInDays;
    if (window !== undefined && window !== 0 && (window < 7 || window > 30)) throw new Error(`${ctx.name}: recoveryWindowInDays must be 0 or 7-30`);
    const arn = `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${name}-${arnSuffix(ctx.seed)}`;
    return { id: arn, state: { arn, name } };
  },
  "aws:secretsmanager/secretVersion:SecretVersion": (ctx) => {
    const versionId = uuid(ctx.seed);
    return { id: `${ctx.inputs.secretId}|${versionId}`, state: { arn: ctx.inputs.secretId, versionId, versionStages: ["AWSCURRENT"] } };
  },
};
