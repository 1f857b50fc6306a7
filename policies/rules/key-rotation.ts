/**
 * KMS key rotation: every symmetric customer-managed key rotates its key material on a schedule
 * (cdk-nag AwsSolutions-KMS5, Checkov CKV_AWS_7, awsguard cmk-backing-key-rotation-enabled, CIS
 * 3.6). As cdk-nag's KMSBackingKeyRotationEnabled does, only symmetric keys are judged: AWS KMS
 * rotates no asymmetric or HMAC key and no key in a custom key store ("Rotate AWS KMS keys",
 * AWS KMS Developer Guide).
 */
import { PlatformRule, rule } from "../lib/rule";
import { T } from "../lib/types";
import { present, text } from "../lib/values";

/** `rotationPeriodInDays` takes 90-2560 days (the provider's schema); AWS's default is 365. */
export const defaultRotationDays = 365;

export const kmsKeyRotation = rule({
  name: "kms-key-rotation",
  description: "Symmetric customer-managed KMS keys rotate their key material automatically, at least yearly.",
  theme: "encryption",
  scope: "mandatory",
  fix: `enableKeyRotation: true (rotationPeriodInDays ${defaultRotationDays} or less); the security tier's keys do.`,
  controls: { cdkNag: ["AwsSolutions-KMS5"], checkov: ["CKV_AWS_7"], cis: ["3.6"], awsguard: ["cmk-backing-key-rotation-enabled"] },
  types: [T.kmsKey],
  configSchema: {
    properties: {
      maxRotationDays: { type: "integer", minimum: 90, maximum: 2560, default: defaultRotationDays, description: "Longest rotation period accepted, in days." },
    },
  },
  defaults: { maxRotationDays: defaultRotationDays },
  checkResource(r, c) {
    const p = r.props;
    if (c.unknown(p.customerMasterKeySpec, "customerMasterKeySpec") || c.unknown(p.keyUsage, "keyUsage")) return;
    const spec = p.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    if (spec !== "SYMMETRIC_DEFAULT" || p.keyUsage === "SIGN_VERIFY" || p.keyUsage === "GENERATE_VERIFY_MAC") return;
    if (present(p.customKeyStoreId)) return;
    if (c.unknown(p.enableKeyRotation, "enableKeyRotation")) return;
    if (p.enableKeyRotation !== true) {
      c.report("key material never rotates: set enableKeyRotation: true");
      return;
    }
    const days = p.rotationPeriodInDays;
    if (present(days) && !c.unknown(days, "rotationPeriodInDays") && Number(days) > c.config.maxRotationDays) {
      c.report(`rotates every ${text(days)} days: at most ${c.config.maxRotationDays}`);
    }
  },
});

export const keyRotationRules: readonly PlatformRule[] = [kmsKeyRotation];
