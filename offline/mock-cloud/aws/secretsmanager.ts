import { autoName, hex, uuid } from "../ids";
import { num, record, str } from "../inputs";
import { CallModel, ResourceModel } from "../model";
import { arnOf } from "./shared";

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
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    const window = num(ctx.inputs, "recoveryWindowInDays");
    if (window !== undefined && window !== 0 && (window < 7 || window > 30)) throw new Error(`${ctx.name}: recoveryWindowInDays must be 0 or 7-30`);
    const arn = arnOf(ctx, "secretsmanager", `secret:${name}-${arnSuffix(ctx.seed)}`);
    return { id: arn, state: { arn, name } };
  },
  /**
   * A rotation schedule: rotationRules unless rotation is switched off (the provider's schema), and
   * AutomaticallyAfterDays within 1-1000 (RotationRulesType, AWS Secrets Manager API Reference).
   */
  "aws:secretsmanager/secretRotation:SecretRotation": (ctx) => {
    const rules = record(ctx.inputs, "rotationRules");
    if (!rules && ctx.inputs.rotationEnabled !== false) throw new Error(`${ctx.name}: rotationRules is required unless rotationEnabled is false`);
    const days = num(rules ?? {}, "automaticallyAfterDays");
    if (days !== undefined && (days < 1 || days > 1000)) throw new Error(`${ctx.name}: rotationRules.automaticallyAfterDays must be 1-1000`);
    return { id: String(ctx.inputs.secretId), state: { rotationEnabled: ctx.inputs.rotationEnabled !== false } };
  },
  "aws:secretsmanager/secretVersion:SecretVersion": (ctx) => {
    const versionId = uuid(ctx.seed);
    return { id: `${str(ctx.inputs, "secretId")}|${versionId}`, state: { arn: ctx.inputs.secretId, versionId, versionStages: ["AWSCURRENT"] } };
  },
};

export const secretsManagerCalls: Record<string, CallModel> = {
  /**
   * The current value of a secret another rendered stack wrote (a standby copying its primary's).
   * Secrets Manager answers by ARN in the secret's own region only.
   */
  "aws:secretsmanager/getSecretVersion:getSecretVersion": (inputs, env) => {
    const id = String(inputs.secretId);
    const region = id.startsWith("arn:") ? id.split(":")[3] : env.region;
    if (region !== env.region) throw new Error(`getSecretVersion: Secrets Manager in ${env.region} cannot read ${id}, a secret of ${region} (use a provider for ${region})`);
    if (inputs.versionStage !== undefined && inputs.versionStage !== "AWSCURRENT") throw new Error(`getSecretVersion: the mock keeps only AWSCURRENT versions`);
    const value = Object.values(env.stacks ?? {})
      .map((stack) => stack.secretValues[id])
      .find((v) => v !== undefined);
    if (value === undefined) throw new Error(`getSecretVersion: ResourceNotFoundException: Secrets Manager can't find the specified secret value for staging label: AWSCURRENT (${id})`);
    const versionId = uuid(`${id}:AWSCURRENT`);
    return { id: `${id}|AWSCURRENT`, arn: id, secretId: id, secretString: value, secretBinary: "", versionId, versionStage: "AWSCURRENT", versionStages: ["AWSCURRENT"], createdDate: "2026-01-01T00:00:00Z" };
  },
};
