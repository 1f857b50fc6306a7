import { strict as assert } from "assert";
import { redactSecretShapes, secretShape } from "../../../model/security/secret-shapes";

describe("secret shapes", () => {
  it("leaves the kind of values plain config holds alone", () => {
    for (const value of [
      "ELBSecurityPolicy-TLS13-1-2-2021-06",
      "ELBSecurityPolicy-FS-1-2-Res-2020-10",
      "MyApplicationName2024Production",
      "arn:aws:acm:ap-northeast-2:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab",
      "public.ecr.aws/nginx/nginx@sha256:0b970013351304af46f322da1263516b188318682b2ab1091862497591189ff1",
      "3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39",
      "Z0123456789ABCDEFGHIJ",
      "https://platform.example.com",
      "sk-short",
      "${bucket.files}",
    ]) {
      assert.equal(secretShape(value), undefined, value);
    }
  });

  it("names each shape, the first in the list where two match", () => {
    // Each value is split where a whole literal would itself look like a leaked credential to a scanner.
    const cases: [string, string][] = [
      // Matches the OpenAI shape too (`sk-` and 32 more characters): the Anthropic one comes first.
      [`sk-ant-api03-${"Ab3dE".repeat(18)}`, "an Anthropic API key"],
      [`sk-proj-${"aB3dE6gH9j".repeat(4)}`, "an OpenAI API key"],
      ["AKIAIOSFODNN7EXAMPLE", "an AWS access key ID"],
      [`ghp_${"aB3dE6gH9j".repeat(3)}123456`, "a GitHub token"],
      [["xoxb", "123456789012", "1234567890123", "AbCdEfGhIjKlMnOpQrStUvWx"].join("-"), "a Slack token"],
      [["https://hooks.slack.com/services", "T0AAAAAAA", "B0BBBBBBB", "cCcCcCcCcCcCcCcCcCcCcCcC"].join("/"), "a Slack webhook URL"],
      [["-----BEGIN RSA", "PRIVATE KEY-----\nMIIEowIBAAKCAQEA"].join(" "), "a private key"],
      [["eyJhbGciOiJIUzI1NiJ9", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "dozjgNryP4J3jVmNHl0w5N"].join("."), "a JSON Web Token"],
      // Inside a longer text, as a policy document or a command line would carry it.
      [`{"Environment":{"KEY":"AKIAIOSFODNN7EXAMPLE"}}`, "an AWS access key ID"],
      ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "a high-entropy string (a generated key or password)"],
    ];
    for (const [value, kind] of cases) assert.equal(secretShape(value), kind, value);
  });

  it("redacts secret-shaped strings inside a value, keeping the rest", () => {
    assert.deepEqual(redactSecretShapes({ a: "plain", b: ["AKIALALEMEL33243OLIB"], c: { d: 3 } }), { a: "plain", b: ["[redacted: an AWS access key ID]"], c: { d: 3 } });
  });

  it("returns what has nothing to redact as it is, and copies only the way to what it redacts", () => {
    const clean = { a: "plain", b: ["arn:aws:s3:::logs"], c: { d: 3 } };
    assert.equal(redactSecretShapes(clean), clean);
    const leaked = { clean, keys: ["AKIAIOSFODNN7EXAMPLE"] };
    const redacted = redactSecretShapes(leaked) as typeof leaked;
    assert.notEqual(redacted, leaked);
    assert.equal(redacted.clean, clean);
    assert.deepEqual(redacted.keys, ["[redacted: an AWS access key ID]"]);
    assert.deepEqual(leaked.keys, ["AKIAIOSFODNN7EXAMPLE"]);
  });

  it("still writes a value that is not plain data (a Date) as a plain copy", () => {
    assert.deepEqual(redactSecretShapes({ at: new Date(0) }), { at: {} });
  });
});
