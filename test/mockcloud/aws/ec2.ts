import { autoName, hex } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

/** EC2 compute besides the foundation's network models (core.ts). */
export const ec2Resources: Record<string, ResourceModel> = {
  "aws:ec2/launchTemplate:LaunchTemplate": (ctx) => {
    const id = `lt-${hex(ctx.seed, 17)}`;
    return { id, state: { arn: arnOf(ctx, "ec2", `launch-template/${id}`), name: ctx.inputs.name ?? autoName(ctx.name, ctx.seed), latestVersion: 1, defaultVersion: 1 } };
  },
};
