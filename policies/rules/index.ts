/**
 * Every rule of the pack, by theme. To add a rule: write it with `rule({...})` in its theme's
 * module, add it to that module's list, and give it a passing and a failing case in
 * test/policy/<theme>.test.ts plus one misconfiguration in the fixture program
 * (test/fixtures/policy-violations); policies/config/*.json regenerate from this list.
 */
import type { PlatformRule } from "../lib/rule";
import { dataProtectionRules } from "./data-protection";
import { encryptionRules } from "./encryption";
import { iamRules } from "./iam";
import { loggingRules } from "./logging";
import { networkRules } from "./network";
import { taggingRules } from "./tagging";
import { transitRules } from "./transit";
import { workloadReachRules } from "./workload-reach";

export const allRules: readonly PlatformRule[] = [
  ...encryptionRules,
  ...transitRules,
  ...iamRules,
  ...networkRules,
  ...workloadReachRules,
  ...dataProtectionRules,
  ...loggingRules,
  ...taggingRules,
];

export { dataProtectionRules, encryptionRules, iamRules, loggingRules, networkRules, taggingRules, transitRules, workloadReachRules };
