import { ModelContext } from "../model";

/** `arn:aws:<service>:<region>:<account>:<resource>` for the model's account and region. */
export const arnOf = (ctx: ModelContext, service: string, resource: string, region: string = ctx.region) => `arn:aws:${service}:${region}:${ctx.accountId}:${resource}`;
