import { strict as assert } from "assert";
import { isSecretValue, redactSecrets } from "../../../offline";
import { input, named, ofType, renderStack, stackConfig, stackNames } from "../../helpers/stacks";

describe("application secrets", () => {
  for (const stack of stackNames) {
    it(`${stack}: keeps seed 001's secrets in Secrets Manager, generated or set out of band, never in the open`, async () => {
      const { resources, outputs } = await renderStack(stack);
      const secrets = ofType(resources, "aws:secretsmanager/secret:Secret").filter((s) => s.name.startsWith(`platform-${stack}-secrets-`));
      assert.deepEqual(secrets.map((s) => input(s, "name")).sort(), ["anthropic", "github-oauth", "nextauth"].map((k) => `platform/${stack}/${k}`));
      const dataKey = named(resources, "aws:kms/key:Key", `platform-${stack}-data`);
      const protectedData = stackConfig(stack)["platform:dataProtection"] === "protected";
      for (const secret of secrets) {
        assert.equal(input(secret, "kmsKeyId"), dataKey.state.arn);
        assert.equal(input(secret, "recoveryWindowInDays"), protectedData ? 30 : 0);
      }
      // Only the generated secret gets a version; external ones are set by an operator.
      const versions = ofType(resources, "aws:secretsmanager/secretVersion:SecretVersion").filter((v) => v.name.startsWith(`platform-${stack}-secrets-`));
      assert.deepEqual(versions.map((v) => v.name), [`platform-${stack}-secrets-nextauth-value`]);
      assert.ok(isSecretValue(versions[0].inputs.secretString), "the value travels as a Pulumi secret");
      const value = String(named(resources, "random:index/randomPassword:RandomPassword", `platform-${stack}-secrets-nextauth-value`).state.result);
      const generated = named(resources, "random:index/randomPassword:RandomPassword", `platform-${stack}-secrets-nextauth-value`);
      assert.equal(input(generated, "length"), 48);
      // A replaced value signs every session out: where data is protected, the value is as protected as its secret.
      assert.deepEqual([...secrets.map((s) => s.options.protect), generated.options.protect], [...secrets.map(() => protectedData), protectedData]);
      const visible = JSON.stringify({ outputs, inputs: resources.map((r) => redactSecrets(r.inputs)) });
      assert.ok(!visible.includes(value), "the generated value appears in no output and no plan input");
    });
  }
});
