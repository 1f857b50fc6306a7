import { readStackFile } from "../../automation/plan/stack-file";
import { assertIssue, assertValid, configIssues } from "../helpers/config";

/** A blueprint's flat config with `platform:<key>` set to `value` (or removed when undefined). */
function withSection(file: string, key: string, value: unknown): Record<string, string> {
  const config = { ...readStackFile(file).config };
  if (value === undefined) delete config[`platform:${key}`];
  else config[`platform:${key}`] = JSON.stringify(value);
  return config;
}

const onno = "blueprints/onno/Pulumi.prod.yaml";
const openmarket = "blueprints/openmarket/Pulumi.prod.yaml";
const prod = "Pulumi.prod.yaml";

describe("config: platform:mail", () => {
  it("accepts the zone's apex and a name inside it", () => {
    assertValid(withSection(onno, "mail", { domain: "onno.app" }));
    assertValid(withSection(onno, "mail", { domain: "mail.onno.app" }));
  });

  it("refuses a domain outside the stack's hosted zone, naming the zone", () => {
    assertIssue(configIssues(withSection(onno, "mail", { domain: "onno.io" })), "platform:mail.domain", "is not in the hosted zone this stack manages (platform:edge.zone.name: onno.app)");
    // A suffix that is not a label boundary is another domain.
    assertIssue(configIssues(withSection(onno, "mail", { domain: "notonno.app" })), "platform:mail.domain", "is not in the hosted zone this stack manages");
  });

  it("refuses mail in a stack that manages no zone", () => {
    const config = withSection(onno, "edge", undefined);
    // The services' routing needs the edge tier too; the mail's own problem is named at its field.
    assertIssue(configIssues(config), "platform:mail.domain", "has no hosted zone this stack manages: Easy DKIM's three CNAME records go in platform:edge.zone");
  });

  it("refuses mail without the alert topic its bounces and complaints go to", () => {
    assertIssue(configIssues(withSection(onno, "observability", undefined)), "platform:mail", "sends bounces and complaints to the alert topic, but the stack has no platform:observability");
  });

  it("refuses an unknown key and a domain that is not a DNS name", () => {
    assertIssue(configIssues(withSection(onno, "mail", { domain: "onno.app", from: "x" })), "platform:mail.from", "");
    assertIssue(configIssues(withSection(onno, "mail", { domain: "Onno_App" })), "platform:mail.domain", "must be a lower-case DNS name");
  });
});

describe("config: platform:sms", () => {
  const preferences = { monthlySpendLimitUsd: 1, accountSpendQuotaUsd: 1, defaultSmsType: "Transactional" };

  it("accepts SMS preferences in the stack that owns the account's baseline", () => {
    assertValid(withSection(prod, "sms", { preferences }));
  });

  it("refuses SMS preferences in a stack that does not own the account's baseline, naming the field", () => {
    assertIssue(
      configIssues(withSection(openmarket, "sms", { preferences })),
      "platform:sms.preferences",
      "sets the account's SMS preferences, which SNS keeps once per account and region, but this stack does not own the account's baseline (platform:account.baseline)",
    );
    // Without preferences a stack sends under the owner's limit: nothing to refuse.
    assertValid(withSection(openmarket, "sms", {}));
  });

  it("refuses a spend limit above the account's quota: raising it needs a support case first", () => {
    assertIssue(
      configIssues(withSection(prod, "sms", { preferences: { ...preferences, monthlySpendLimitUsd: 50 } })),
      "platform:sms.preferences.monthlySpendLimitUsd",
      "is above the account's SMS spend quota (accountSpendQuotaUsd: 1 USD)",
    );
    // AWS's default quota when the stack file does not say: 1 USD.
    assertIssue(configIssues(withSection(prod, "sms", { preferences: { monthlySpendLimitUsd: 2 } })), "platform:sms.preferences.monthlySpendLimitUsd", "accountSpendQuotaUsd: 1 USD");
    assertValid(withSection(prod, "sms", { preferences: { ...preferences, monthlySpendLimitUsd: 50, accountSpendQuotaUsd: 100 } }));
  });

  it("refuses a limit that would stop every SMS, a fraction of a dollar and an unknown message type", () => {
    assertIssue(configIssues(withSection(prod, "sms", { preferences: { ...preferences, monthlySpendLimitUsd: 0 } })), "platform:sms.preferences.monthlySpendLimitUsd", "0 stops every SMS of the account");
    assertIssue(configIssues(withSection(prod, "sms", { preferences: { ...preferences, monthlySpendLimitUsd: 1.5, accountSpendQuotaUsd: 10 } })), "platform:sms.preferences.monthlySpendLimitUsd", "whole dollars");
    assertIssue(configIssues(withSection(prod, "sms", { preferences: { ...preferences, defaultSmsType: "Marketing" } })), "platform:sms.preferences.defaultSmsType", "Transactional");
  });
});
