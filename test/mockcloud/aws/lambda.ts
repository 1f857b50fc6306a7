import { autoName, hex } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const lambdaResources: Record<string, ResourceModel> = {
  "aws:lambda/function:Function": (ctx) => {
    const name = ctx.inputs.name ?? autoName(ctx.name, ctx.seed);
    const arn = arnOf(ctx, "lambda", `function:${name}`);
    return {
      id: name,
      state: {
        name,
        arn,
        qualifiedArn: `${arn}:$LATEST`,
        invokeArn: `arn:aws:apigateway:${ctx.region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
        version: "$LATEST",
        sourceCodeSize: 1024,
        lastModified: "2026-01-01T00:00:00.000+0000",
      },
    };
  },
  "aws:lambda/permission:Permission": (ctx) => ({ id: ctx.inputs.statementId ?? autoName(ctx.name, ctx.seed), state: { statementId: ctx.inputs.statementId ?? autoName(ctx.name, ctx.seed) } }),
  "aws:lambda/functionUrl:FunctionUrl": (ctx) => ({
    id: String(ctx.inputs.functionName),
    state: { functionUrl: `https://${hex(ctx.seed, 32)}.lambda-url.${ctx.region}.on.aws/`, urlId: hex(ctx.seed, 32) },
  }),
};
