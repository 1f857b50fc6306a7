import { ModelContext } from "../model";

/** `arn:aws:<service>:<region>:<account>:<resource>` for the model's account and region. */
export const arnOf = (ctx: ModelContext, service: string, resource: string, region: string = ctx.region) => `arn:aws:${service}:${region}:${ctx.accountId}:${resource}`;

/** `arn:aws:<service>::<account>:<resource>`: a global resource of the model's account (IAM, CloudFront, budgets). */
export const globalArnOf = (ctx: ModelContext, service: string, resource: string) => arnOf(ctx, service, resource, "");
