import { strict as assert } from "assert";
import { renderProgram, SingletonLedger } from "../../../offline";
import { fixturePath } from "../../helpers/paths";

const programPath = fixturePath("account-provider");
const ambient = "444455556666";

/** The fixture with one provider built from `provider`, on ambient credentials of account 444455556666. */
function render(provider: Record<string, unknown>, extra: { config?: Record<string, string>; ledger?: SingletonLedger; stack?: string; region?: string } = {}) {
  return renderProgram({
    project: "fixture",
    stack: extra.stack ?? "fixture",
    accountId: ambient,
    programPath,
    ledger: extra.ledger,
    config: { "aws:region": extra.region ?? "ap-northeast-2", "fixture:provider": JSON.stringify({ ...provider, ...(extra.region ? { region: extra.region } : {}) }), ...extra.config },
  });
}

describe("mock cloud: the account an explicit aws provider works in", () => {
  it("works in the ambient credentials' account when no role is assumed", async () => {
    const { outputs } = await render({});
    assert.equal(outputs.accountId, ambient);
    assert.equal(outputs.detectorAccount, ambient);
  });

  it("works in the assumed role's account, as the role's session", async () => {
    const { outputs } = await render({ assumeRoles: [{ roleArn: "arn:aws:iam::123456789012:role/platform-deployer", sessionName: "pulumi-platform-prod" }], allowedAccountIds: ["123456789012"] });
    assert.equal(outputs.accountId, "123456789012");
    assert.equal(outputs.callerArn, "arn:aws:sts::123456789012:assumed-role/platform-deployer/pulumi-platform-prod");
    assert.equal(outputs.detectorAccount, "123456789012");
  });

  it("refuses, as the provider does when configured, credentials of an account allowedAccountIds does not list", async () => {
    await assert.rejects(render({ allowedAccountIds: ["123456789012"] }), /provider fixture: AWS account ID not allowed: 444455556666; allowedAccountIds is \[123456789012\]/);
  });

  it("refuses allowedAccountIds on a provider that skips the account look-up: it has no id to check", async () => {
    // Without an allow-list the same provider is configured (and knows no account).
    await render({ skipCredentialsValidation: true, skipRequestingAccountId: true });
    await assert.rejects(
      render({ allowedAccountIds: [ambient], skipCredentialsValidation: true, skipRequestingAccountId: true }),
      /AWS account ID not allowed: +\(skipCredentialsValidation and skipRequestingAccountId leave the provider no account id/,
    );
  });

  it("refuses a resource without a provider when the stack disables aws's default provider", async () => {
    const config = { "fixture:defaultResource": "true" };
    await render({}, { config });
    await assert.rejects(
      render({}, { config: { ...config, "pulumi:disable-default-providers": JSON.stringify(["aws"]) } }),
      /Default provider for 'aws' disabled. 'aws:cloudwatch\/logGroup:LogGroup::fixture-default' must use an explicit provider/,
    );
  });
});

describe("mock cloud: what an account holds once per region", () => {
  it("refuses a second GuardDuty detector in one account and region, naming the stack that has it", async () => {
    const ledger = new SingletonLedger();
    await render({}, { ledger, stack: "prod" });
    await render({}, { ledger, stack: "prod" }); // the same stack again: its own detector
    await render({}, { ledger, stack: "prod-dr", region: "ap-northeast-1" }); // another region: its own
    // In another account, another stack's detector is the first there.
    await render({ assumeRoles: [{ roleArn: "arn:aws:iam::111122223333:role/platform-deployer" }] }, { ledger, stack: "hooklabs-prod" });
    await assert.rejects(
      render({}, { ledger, stack: "onno-prod" }),
      /GuardDuty keeps one detector per account and region: CreateDetector refuses a second; account 444455556666 in ap-northeast-2 already has one: prod's fixture/,
    );
  });

  it("refuses two in one stack as well", async () => {
    await assert.rejects(render({}, { config: { "fixture:secondDetector": "true" } }), /already has one: fixture's fixture/);
  });
});
