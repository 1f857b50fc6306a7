import { strict as assert } from "assert";
import type { CapturedResource } from "../../offline";
import { blueprintFile } from "../helpers/blueprints";
import { input, named, ofType, renderStackFile } from "../helpers/stacks";

const T = {
  rotation: "aws:secretsmanager/secretRotation:SecretRotation",
  fn: "aws:lambda/function:Function",
  rule: "aws:cloudwatch/eventRule:EventRule",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  secret: "aws:secretsmanager/secret:Secret",
  topic: "aws:sns/topic:Topic",
};
const days = (r: CapturedResource) => input<{ automaticallyAfterDays: number }>(r, "rotationRules").automaticallyAfterDays;
const variables = (fn: CapturedResource) => input<{ variables: Record<string, string> }>(fn, "environment").variables;

describe("blueprints: secret rotation as the products asked (issue 15, item 2)", () => {
  it("Onno prod: the database password every 30 days, the JWT secret every 90 (seed 003, section 5-4), the vendors' keys reminded after 90", async () => {
    const { resources } = await renderStackFile(blueprintFile("onno", "prod"));
    const schedules = Object.fromEntries(ofType(resources, T.rotation).map((r) => [r.name, days(r)]));
    assert.deepEqual(schedules, { "onno-prod-db-rotation-rotation": 30, "onno-prod-cache-rotation-rotation": 30, "onno-prod-secrets-jwt-secret-rotation-rotation": 90 });
    const jwt = named(resources, T.fn, "onno-prod-secrets-jwt-secret-rotation");
    assert.deepEqual(
      { kind: variables(jwt).ROTATION_KIND, length: variables(jwt).VALUE_LENGTH, redeploy: JSON.parse(variables(jwt).REDEPLOY_SERVICES).map((r: { service: string }) => r.service) },
      { kind: "generated", length: "64", redeploy: ["api", "ws"] },
    );

    const age = named(resources, T.fn, "onno-prod-secret-age");
    const checked = JSON.parse(variables(age).SECRETS) as { key: string; secretId: string; maxAgeDays: number }[];
    assert.deepEqual(checked.map((s) => [s.key, s.maxAgeDays]), [["openai-api-key", 90], ["pinecone-api-key", 90], ["stripe-api-key", 90]]);
    assert.equal(checked[0].secretId, named(resources, T.secret, "onno-prod-secrets-openai-api-key").state.arn);
    assert.equal(variables(age).TOPIC_ARN, named(resources, T.topic, "onno-prod-alerts").state.arn);
    assert.equal(input(named(resources, T.rule, "onno-prod-secret-age-daily"), "scheduleExpression"), "rate(1 day)");
    const policy = JSON.parse(String(input(named(resources, T.rolePolicy, "onno-prod-secret-age-policy"), "policy"))).Statement as { Sid: string; Action: string[] }[];
    assert.deepEqual(policy.find((s) => s.Sid === "DescribeCheckedSecrets")?.Action, ["secretsmanager:DescribeSecret"], "the check never reads a value");
  });

  it("HookLabs prod: every credential is a vendor's, so each is reminded after 90 days (seed 000, 보안: 자동 시크릿 로테이션)", async () => {
    const { resources } = await renderStackFile(blueprintFile("hooklabs", "prod"));
    assert.equal(ofType(resources, T.rotation).length, 0, "HookLabs has no data tier of its own and no generated secret");
    const checked = JSON.parse(variables(named(resources, T.fn, "hooklabs-prod-secret-age")).SECRETS) as { key: string }[];
    assert.deepEqual(checked.map((s) => s.key), ["convex", "upstash-redis", "clerk", "lemon-squeezy", "gemini"]);
  });
});
