import { lambdaLimits } from "../../../model/jobs/settings";
import { autoName, hex } from "../ids";
import { num, record, str, strings } from "../inputs";
import { ModelContext, ResourceModel } from "../model";
import { arnOf } from "./shared";

const functionArn = (ctx: ModelContext, name: string) => arnOf(ctx, "lambda", `function:${name}`);

/** Rejects what CreateFunction rejects, so a bad program fails offline as it would online. */
function checkFunction(ctx: ModelContext, name: string): void {
  const memorySize = num(ctx.inputs, "memorySize");
  const timeout = num(ctx.inputs, "timeout");
  const role = str(ctx.inputs, "role");
  const architectures = strings(ctx.inputs, "architectures");
  if (name.length > 64 || !/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`lambda: invalid function name '${name}' (1-64 of letters, digits, - and _)`);
  if (memorySize !== undefined && (memorySize < lambdaLimits.minMemoryMb || memorySize > lambdaLimits.maxMemoryMb)) {
    throw new Error(`lambda: MemorySize ${memorySize} outside ${lambdaLimits.minMemoryMb}-${lambdaLimits.maxMemoryMb}`);
  }
  if (timeout !== undefined && (timeout < 1 || timeout > 900)) throw new Error(`lambda: Timeout ${timeout} outside 1-900`);
  if (role === undefined || !/^arn:aws[a-z-]*:iam::\d{12}:role\//.test(role)) throw new Error(`lambda: Role must be an IAM role ARN, got ${role}`);
  if (architectures !== undefined && (architectures.length !== 1 || !["arm64", "x86_64"].includes(architectures[0]))) {
    throw new Error(`lambda: Architectures must be one of arm64, x86_64`);
  }
}

export const lambdaResources: Record<string, ResourceModel> = {
  "aws:lambda/function:Function": (ctx) => {
    const name = str(ctx.inputs, "name") ?? autoName(ctx.name, ctx.seed);
    checkFunction(ctx, name);
    const vpcConfig = record(ctx.inputs, "vpcConfig");
    const arn = functionArn(ctx, name);
    return {
      id: name,
      state: {
        name,
        arn,
        qualifiedArn: `${arn}:$LATEST`,
        invokeArn: `arn:aws:apigateway:${ctx.region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
        version: "$LATEST",
        codeSha256: Buffer.from(hex(ctx.seed + "code", 64), "hex").toString("base64"),
        sourceCodeSize: 1024,
        lastModified: "2026-11-01T00:00:00.000+0000",
        packageType: "Zip",
        architectures: ctx.inputs.architectures ?? ["x86_64"],
        memorySize: ctx.inputs.memorySize ?? 128,
        timeout: ctx.inputs.timeout ?? 3,
        reservedConcurrentExecutions: ctx.inputs.reservedConcurrentExecutions ?? -1,
        loggingConfig: ctx.inputs.loggingConfig ?? { logFormat: "Text", logGroup: `/aws/lambda/${name}` },
        vpcConfig: vpcConfig ? { ...vpcConfig, vpcId: `vpc-${hex(ctx.seed + "vpc", 17)}` } : undefined,
      },
    };
  },
  "aws:lambda/permission:Permission": (ctx) => {
    const statementId = str(ctx.inputs, "statementId") ?? `terraform-${hex(ctx.seed, 26)}`;
    if (!ctx.inputs.principal) throw new Error("lambda: AddPermission needs a principal");
    return { id: statementId, state: { statementId } };
  },
  "aws:lambda/functionUrl:FunctionUrl": (ctx) => ({
    id: String(ctx.inputs.functionName),
    state: { functionUrl: `https://${hex(ctx.seed, 32)}.lambda-url.${ctx.region}.on.aws/`, urlId: hex(ctx.seed, 32) },
  }),
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": (ctx) => {
    const retries = num(ctx.inputs, "maximumRetryAttempts");
    if (retries !== undefined && (retries < 0 || retries > 2)) throw new Error(`lambda: MaximumRetryAttempts ${retries} outside 0-2`);
    return { id: String(ctx.inputs.functionName), state: {} };
  },
};
