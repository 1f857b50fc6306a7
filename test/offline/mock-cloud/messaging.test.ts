import { strict as assert } from "assert";
import { SingletonLedger } from "../../../offline";
import { sesResources, smsPreferencesResources } from "../../../offline/mock-cloud/aws/ses";
import { ModelContext } from "../../../offline/mock-cloud/model";

const ctx = (type: string, inputs: Record<string, unknown>, name = "test"): ModelContext => ({ type, name, inputs, region: "ap-northeast-2", accountId: "123456789012", seed: `${type}::${name}` });

describe("mock cloud: SES and SNS SMS as AWS answers and refuses them", () => {
  const identity = sesResources["aws:sesv2/emailIdentity:EmailIdentity"];
  const set = sesResources["aws:sesv2/configurationSet:ConfigurationSet"];
  const destination = sesResources["aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination"];
  const sms = smsPreferencesResources["aws:sns/smsPreferences:SmsPreferences"];

  it("gives a domain identity three distinct Easy DKIM tokens and an address identity none", () => {
    const domain = identity(ctx("i", { emailIdentity: "onno.app" }));
    assert.equal(domain.id, "onno.app");
    assert.equal(domain.state.arn, "arn:aws:ses:ap-northeast-2:123456789012:identity/onno.app");
    const tokens = (domain.state.dkimSigningAttributes as { tokens: string[] }).tokens;
    assert.equal(new Set(tokens).size, 3);
    for (const token of tokens) assert.match(token, /^[0-9a-f]{32}$/);
    assert.deepEqual((identity(ctx("i", { emailIdentity: "orders@openmarket.com" })).state.dkimSigningAttributes as { tokens: string[] }).tokens, []);
    assert.throws(() => identity(ctx("i", { emailIdentity: "not a domain" })), /neither a domain nor an e-mail address/);
    assert.throws(() => identity(ctx("i", { emailIdentity: "onno.app", dkimSigningAttributes: { nextSigningKeyLength: "RSA_4096_BIT" } })), /RSA_1024_BIT or RSA_2048_BIT/);
  });

  it("refuses a configuration set name SES would refuse and an unknown TLS policy", () => {
    assert.equal(set(ctx("s", { configurationSetName: "onno-prod-mail" })).state.arn, "arn:aws:ses:ap-northeast-2:123456789012:configuration-set/onno-prod-mail");
    assert.throws(() => set(ctx("s", { configurationSetName: "onno.prod" })), /configuration set name 'onno.prod'/);
    assert.throws(() => set(ctx("s", { configurationSetName: "x".repeat(65) })), /configuration set name/);
    assert.throws(() => set(ctx("s", { configurationSetName: "a", deliveryOptions: { tlsPolicy: "STRICT" } })), /REQUIRE or OPTIONAL/);
  });

  it("holds an event destination to one destination, known event types and a topic ARN", () => {
    const topicArn = "arn:aws:sns:ap-northeast-2:123456789012:onno-prod-alerts";
    const ok = destination(ctx("d", { configurationSetName: "s", eventDestinationName: "alerts", eventDestination: { matchingEventTypes: ["BOUNCE"], snsDestination: { topicArn } } }));
    assert.equal(ok.id, "s|alerts");
    assert.throws(() => destination(ctx("d", { configurationSetName: "s", eventDestinationName: "a", eventDestination: { matchingEventTypes: ["BOUNCE"] } })), /exactly one destination \(has 0\)/);
    assert.throws(
      () => destination(ctx("d", { configurationSetName: "s", eventDestinationName: "a", eventDestination: { matchingEventTypes: ["BOUNCED"], snsDestination: { topicArn } } })),
      /event type BOUNCED/,
    );
    assert.throws(() => destination(ctx("d", { configurationSetName: "s", eventDestinationName: "a", eventDestination: { matchingEventTypes: ["BOUNCE"], snsDestination: { topicArn: "alerts" } } })), /not a topic ARN/);
  });

  it("takes a whole-dollar SMS spend limit and the two message types", () => {
    assert.equal(sms(ctx("p", { monthlySpendLimit: 1, defaultSmsType: "Transactional" })).id, "aws_sns_sms_id");
    assert.throws(() => sms(ctx("p", { monthlySpendLimit: 1.5 })), /whole number of USD/);
    assert.throws(() => sms(ctx("p", { defaultSmsType: "Marketing" })), /Promotional or Transactional/);
  });

  it("refuses a second stack's SMS preferences in the same account and region, naming the stack that has them", () => {
    const ledger = new SingletonLedger();
    ledger.claim("aws:sns/smsPreferences:SmsPreferences", "123456789012", "ap-northeast-2", "prod's platform-prod-sms");
    ledger.claim("aws:sns/smsPreferences:SmsPreferences", "123456789012", "ap-northeast-1", "prod-dr's platform-prod-dr-sms");
    assert.throws(
      () => ledger.claim("aws:sns/smsPreferences:SmsPreferences", "123456789012", "ap-northeast-2", "openmarket-prod's openmarket-prod-sms"),
      /SNS keeps one set of SMS preferences per account and region: .*account 123456789012 in ap-northeast-2 already has one: prod's platform-prod-sms/,
    );
  });
});
