import { hex } from "../ids";
import { ResourceModel } from "../model";

export const cloudfrontResources: Record<string, ResourceModel> = {
  "aws:cloudfront/distribution:Distribution": (ctx) => {
    const id = `E${hex(ctx.seed, 13).toUpperCase()}`;
    return {
      id,
      state: {
        arn: `arn:aws:cloudfront::${ctx.accountId}:distribution/${id}`,
        domainName: `d${hex(`${ctx.seed}d`, 13)}.cloudfront.net`,
        hostedZoneId: "Z2FDTNDATAQYW2",
        status: "Deployed",
        etag: `E${hex(`${ctx.seed}etag`, 13).toUpperCase()}`,
        callerReference: `terraform-${hex(ctx.seed, 20)}`,
      },
    };
  },
};
