import { hex } from "../ids";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const ebsResources: Record<string, ResourceModel> = {
  "aws:ebs/volume:Volume": (ctx) => {
    const id = `vol-${hex(ctx.seed, 17)}`;
    return { id, state: { arn: arnOf(ctx, "ec2", `volume/${id}`), type: ctx.inputs.type ?? "gp3", size: ctx.inputs.size ?? 8, encrypted: ctx.inputs.encrypted ?? false } };
  },
};
