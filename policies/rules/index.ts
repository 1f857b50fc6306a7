/**
 * Every rule of the pack, by theme. To add a rule: write it with `rule({...})` in its theme's
 * module (or a module of its own), add it to that module's list and the list below, and give it a
 * passing and a failing case in test/policies/rules/<module>.test.ts plus one misconfiguration in
 * the fixture program (test/fixtures/policy-violations); policies/config/*.json regenerate from
 * this list.
 */
import type { PlatformRule } from "../lib/rule";
import { auditLoggingRules } from "./audit-logging";
import { cdnCachingRules } from "./cdn-caching";
import { dataProtectionRules } from "./data-protection";
import { edgeProtectionRules } from "./edge-protection";
import { encryptionRules } from "./encryption";
import { iamRules } from "./iam";
import { instanceMetadataRules } from "./instance-metadata";
import { keyRotationRules } from "./key-rotation";
import { loggingRules } from "./logging";
import { networkRules } from "./network";
import { registryRules } from "./registry";
import { secretRotationRules } from "./secret-rotation";
import { governanceRules } from "./suppressions";
import { taggingRules } from "./tagging";
import { transitRules } from "./transit";
import { workloadReachRules } from "./workload-reach";

export const allRules: readonly PlatformRule[] = [
  ...encryptionRules,
  ...keyRotationRules,
  ...transitRules,
  ...iamRules,
  ...instanceMetadataRules,
  ...networkRules,
  ...workloadReachRules,
  ...edgeProtectionRules,
  ...dataProtectionRules,
  ...registryRules,
  ...secretRotationRules,
  ...cdnCachingRules,
  ...loggingRules,
  ...auditLoggingRules,
  ...taggingRules,
  ...governanceRules,
];

export {
  auditLoggingRules,
  cdnCachingRules,
  dataProtectionRules,
  edgeProtectionRules,
  encryptionRules,
  governanceRules,
  iamRules,
  instanceMetadataRules,
  keyRotationRules,
  loggingRules,
  networkRules,
  registryRules,
  secretRotationRules,
  taggingRules,
  transitRules,
  workloadReachRules,
};
