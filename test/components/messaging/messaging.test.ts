import { strict as assert } from "assert";
import { CapturedResource } from "../../../offline";
import { blueprintFile, blueprintFiles } from "../../helpers/blueprints";
import { list, statementsOf } from "../../helpers/iam";
import { input, named, ofType, renderStack, renderStackFile, stackNames, state } from "../../helpers/stacks";

const T = {
  identity: "aws:sesv2/emailIdentity:EmailIdentity",
  set: "aws:sesv2/configurationSet:ConfigurationSet",
  destination: "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination",
  record: "aws:route53/record:Record",
  sms: "aws:sns/smsPreferences:SmsPreferences",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  key: "aws:kms/key:Key",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
} as const;

const arn = (r: CapturedResource) => String(r.state.arn);
/** The account every prod blueprint and Pulumi.prod.yaml deploy into (an AWS documentation example). */
const account = "123456789012";

function jobPolicy(resources: readonly CapturedResource[], prefix: string, job: string) {
  return statementsOf(input(named(resources, T.rolePolicy, `${prefix}-${job}-policy`), "policy"));
}

describe("messaging tier: Onno prod's SES identity (seed 003 2-2)", () => {
  const render = () => renderStackFile(blueprintFile("onno", "prod"));

  it("is a domain identity for onno.app with 2048-bit Easy DKIM, whose default configuration set is the stack's", async () => {
    const { resources } = await render();
    const identities = ofType(resources, T.identity);
    assert.equal(identities.length, 1);
    const [identity] = identities;
    assert.equal(input(identity, "emailIdentity"), "onno.app");
    assert.equal(input(identity, "configurationSetName"), "onno-prod-mail");
    assert.deepEqual(input(identity, "dkimSigningAttributes"), { nextSigningKeyLength: "RSA_2048_BIT" });
  });

  it("publishes the three DKIM tokens as CNAMEs in the edge tier's zone", async () => {
    const { resources } = await render();
    const identity = ofType(resources, T.identity)[0];
    const tokens = state<{ tokens: string[] }>(identity, "dkimSigningAttributes").tokens;
    assert.equal(tokens.length, 3);
    const zoneId = input(ofType(resources, T.record).find((r) => input(r, "name") === "api-seoul.onno.app")!, "zoneId");
    const records = [1, 2, 3].map((n) => named(resources, T.record, `onno-prod-mail-dkim-${n}`));
    assert.deepEqual(
      records.map((r) => [input(r, "zoneId"), input(r, "name"), input(r, "type"), input(r, "ttl"), input(r, "records")]),
      tokens.map((t) => [zoneId, `${t}._domainkey.onno.app`, "CNAME", 1800, [`${t}.dkim.amazonses.com`]]),
    );
  });

  it("requires TLS, suppresses bounced and complaining addresses, and sends bounces and complaints to the alert topic", async () => {
    const { resources } = await render();
    const [set] = ofType(resources, T.set);
    assert.equal(input(set, "configurationSetName"), "onno-prod-mail");
    assert.deepEqual(input(set, "deliveryOptions"), { tlsPolicy: "REQUIRE" });
    assert.deepEqual(input(set, "suppressionOptions"), { suppressedReasons: ["BOUNCE", "COMPLAINT"] });
    const destinations = ofType(resources, T.destination);
    assert.equal(destinations.length, 1);
    assert.equal(input(destinations[0], "configurationSetName"), "onno-prod-mail");
    assert.deepEqual(input(destinations[0], "eventDestination"), {
      enabled: true,
      matchingEventTypes: ["BOUNCE", "COMPLAINT"],
      snsDestination: { topicArn: arn(ofType(resources, T.topic)[0]) },
    });
  });

  it("lets SES publish to the alert topic for this configuration set and account only, and use the topic's key", async () => {
    const { resources } = await render();
    const setArn = arn(ofType(resources, T.set)[0]);
    const statements = statementsOf(input(ofType(resources, T.topicPolicy)[0], "policy"));
    const ses = statements.filter((s) => JSON.stringify(s.Principal).includes("ses.amazonaws.com"));
    assert.equal(ses.length, 1);
    assert.deepEqual(list(ses[0].Action), ["sns:Publish"]);
    assert.equal(ses[0].Resource, arn(ofType(resources, T.topic)[0]));
    assert.deepEqual(ses[0].Condition, { StringEquals: { "aws:SourceAccount": account }, ArnEquals: { "aws:SourceArn": setArn } });
    const keyStatements = statementsOf(input(named(resources, T.key, "onno-prod-logs"), "policy"));
    const keyGrant = keyStatements.filter((s) => JSON.stringify(s.Principal).includes("ses.amazonaws.com"));
    assert.deepEqual(keyGrant.map((s) => [list(s.Action), s.Condition]), [[["kms:Decrypt", "kms:GenerateDataKey"], { StringEquals: { "aws:SourceAccount": account } }]]);
    // Only the logs key, which encrypts the topic: SES gets nothing of the data and storage keys.
    for (const key of ["onno-prod-data", "onno-prod-storage"]) assert.ok(!JSON.stringify(input(named(resources, T.key, key), "policy")).includes("ses.amazonaws.com"), key);
  });

  it("lets the post-meeting job send from onno.app through that configuration set, and nothing else of SES", async () => {
    const { resources } = await render();
    const send = jobPolicy(resources, "onno-prod", "post-meeting-processor").filter((s) => list(s.Action).some((a) => a.startsWith("ses:")));
    assert.deepEqual(
      send.map((s) => [s.Sid, list(s.Action), list(s.Resource)]),
      [["SendMailFromOwnIdentities", ["ses:SendEmail", "ses:SendRawEmail"], [arn(ofType(resources, T.identity)[0]), arn(ofType(resources, T.set)[0])]]],
    );
  });
});

describe("messaging tier: OpenMarket prod's order e-mail and SMS (seed 004 phase 7)", () => {
  const render = () => renderStackFile(blueprintFile("openmarket", "prod"));

  it("mails from openmarket.com and may publish SMS to phone numbers, but sets no account SMS preferences", async () => {
    const { resources } = await render();
    assert.deepEqual(ofType(resources, T.identity).map((r) => input(r, "emailIdentity")), ["openmarket.com"]);
    const statements = jobPolicy(resources, "openmarket-prod", "order-notification");
    const sms = statements.filter((s) => list(s.Action).includes("sns:Publish"));
    assert.deepEqual(sms.map((s) => [s.Sid, s.Effect, list(s.Action), s.Resource]), [["PublishSmsToPhoneNumbers", "Allow", ["sns:Publish"], "*"]]);
    // The account's preferences are the baseline owner's (Pulumi.prod.yaml), not this stack's.
    assert.equal(ofType(resources, T.sms).length, 0);
    // The other jobs neither send mail nor SMS.
    for (const job of ["image-processor", "report-generator", "data-sync"]) {
      const actions = jobPolicy(resources, "openmarket-prod", job).flatMap((s) => list(s.Action));
      assert.deepEqual(actions.filter((a) => a.startsWith("ses:") || a === "sns:Publish"), [], job);
    }
  });

  it("tells the order notification it may text (SMS_ENABLED=true, with the grant), and no other job", async () => {
    const { resources } = await render();
    const variables = (job: string) => input<{ variables: Record<string, string> }>(named(resources, "aws:lambda/function:Function", `openmarket-prod-${job}`), "environment").variables;
    assert.equal(variables("order-notification").SMS_ENABLED, "true");
    for (const job of ["image-processor", "report-generator", "data-sync"]) assert.equal(variables(job).SMS_ENABLED, undefined, job);
  });

  it("leaves SMS off where the order notification has no grant: the handler then sends none and publishes nothing", async () => {
    for (const render of [() => renderStackFile(blueprintFile("openmarket", "dev")), () => renderStack("prod")]) {
      const { resources } = await render();
      const [job] = ofType(resources, "aws:lambda/function:Function").filter((r) => String(input(r, "name")).endsWith("-order-notification"));
      assert.ok(job);
      assert.equal(input<{ variables: Record<string, string> }>(job, "environment").variables.SMS_ENABLED, undefined, String(input(job, "name")));
    }
  });
});

describe("messaging tier: the account's SMS preferences", () => {
  it("are set once per account, by the prod account's baseline owner, at the configured limit", async () => {
    const { resources } = await renderStack("prod");
    const preferences = ofType(resources, T.sms);
    assert.equal(preferences.length, 1);
    assert.equal(input(preferences[0], "monthlySpendLimit"), 1);
    assert.equal(input(preferences[0], "defaultSmsType"), "Transactional");
  });

  it("appear in no other stack or blueprint", async () => {
    for (const stack of stackNames.filter((s) => s !== "prod")) assert.equal(ofType((await renderStack(stack)).resources, T.sms).length, 0, stack);
    for (const { file, relative } of blueprintFiles()) assert.equal(ofType((await renderStackFile(file)).resources, T.sms).length, 0, relative);
  });
});
