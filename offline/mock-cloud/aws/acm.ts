import { hex, uuid } from "../ids";
import { strings } from "../inputs";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

/**
 * ACM's DNS validation record for a name. ACM derives it from the name and the account, not the
 * region: the same CNAME validates the name in every region (why a name belongs in one
 * certificate per stack).
 */
export function validationRecord(domainName: string, accountId: string) {
  const seed = `${accountId}:${domainName}`;
  return {
    domainName,
    resourceRecordName: `_${hex(seed, 32)}.${domainName}.`,
    resourceRecordType: "CNAME",
    resourceRecordValue: `_${hex(seed + "value", 32)}.${hex(seed + "zone", 10)}.acm-validations.aws.`,
  };
}

export const acmResources: Record<string, ResourceModel> = {
  "aws:acm/certificate:Certificate": (ctx) => {
    const arn = arnOf(ctx, "acm", `certificate/${uuid(ctx.seed)}`);
    const names = [...new Set([String(ctx.inputs.domainName), ...(strings(ctx.inputs, "subjectAlternativeNames") ?? [])])];
    return {
      id: arn,
      state: {
        arn,
        status: ctx.inputs.validationMethod === "DNS" ? "PENDING_VALIDATION" : "ISSUED",
        domainValidationOptions: names.map((name) => validationRecord(name, ctx.accountId)),
        subjectAlternativeNames: names,
      },
    };
  },
  "aws:acm/certificateValidation:CertificateValidation": (ctx) => {
    const arn = String(ctx.inputs.certificateArn);
    if (!arn.startsWith(`arn:aws:acm:${ctx.region}:`)) throw new Error(`${ctx.name}: validates ${arn}, a certificate of another region`);
    return { id: arn, state: { certificateArn: arn } };
  },
};
