import { strict as assert } from "assert";
import { T } from "../../../policies/lib/types";
import { unknownValue } from "../../../policies/lib/unknown";
import { kmsKeyRotation } from "../../../policies/rules/key-rotation";
import { res, validate } from "../../helpers/policy";

describe("policy: kms-key-rotation", () => {
  it("passes a symmetric key that rotates yearly, and the keys KMS cannot rotate", async () => {
    for (const r of [
      res(T.kmsKey, "data", { enableKeyRotation: true, rotationPeriodInDays: 365 }),
      res(T.kmsKey, "signing", { customerMasterKeySpec: "RSA_3072", keyUsage: "SIGN_VERIFY" }),
      res(T.kmsKey, "mac", { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }),
      res(T.kmsKey, "hsm", { customKeyStoreId: "cks-1234567890abcdef0" }),
    ]) {
      assert.deepEqual((await validate(kmsKeyRotation, r)).violations, [], r.name);
    }
  });

  it("fails a symmetric key that never rotates, or rotates less often than the setting allows", async () => {
    assert.deepEqual((await validate(kmsKeyRotation, res(T.kmsKey, "plain", {}))).violations, ["key material never rotates: set enableKeyRotation: true"]);
    assert.deepEqual((await validate(kmsKeyRotation, res(T.kmsKey, "off", { enableKeyRotation: false, customerMasterKeySpec: "SYMMETRIC_DEFAULT" }))).violations, [
      "key material never rotates: set enableKeyRotation: true",
    ]);
    assert.deepEqual((await validate(kmsKeyRotation, res(T.kmsKey, "slow", { enableKeyRotation: true, rotationPeriodInDays: 730 }))).violations, ["rotates every 730 days: at most 365"]);
    assert.deepEqual((await validate(kmsKeyRotation, res(T.kmsKey, "slow", { enableKeyRotation: true, rotationPeriodInDays: 730 }), { maxRotationDays: 730 })).violations, []);
  });

  it("leaves an unknown flag to be judged at up", async () => {
    const outcome = await validate(kmsKeyRotation, res(T.kmsKey, "k", { enableKeyRotation: unknownValue }));
    assert.deepEqual(outcome.violations, []);
    assert.match(outcome.unknown ?? "", /enableKeyRotation/);
  });
});
