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

  it("redacts secret-shaped strings inside a value, keeping the rest", () => {
    assert.deepEqual(redactSecretShapes({ a: "plain", b: ["AKIALALEMEL33243OLIB"], c: { d: 3 } }), { a: "plain", b: ["[redacted: an AWS access key ID]"], c: { d: 3 } });
  });
});
