/**
 * Secret rotation: the credentials of a data store are rotated by Secrets Manager on a schedule
 * (cdk-nag AwsSolutions-SMG4, Checkov CKV2_AWS_57 and CKV_AWS_304: within 90 days).
 *
 * A data store's credentials are its password property (RDS `password` / `masterPassword`,
 * ElastiCache `authToken`, or their write-only forms). The secret that holds them is the one
 * whose version's value is built from the same source (it shares a dependency with the password,
 * such as a @pulumi/random password) or from the store itself (its endpoint). RDS's own
 * master-password management (`manageMasterUserPassword`) rotates the secret RDS creates, so
 * such a store passes ("Password management with Amazon RDS and AWS Secrets Manager": 7 days by
 * default). Read replicas and Aurora secondaries carry their source's credentials and are not
 * judged.
 */
import { PlatformRule, rule } from "../lib/rule";
import { StackResource, StackView } from "../lib/stack-view";
import { T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { present, text } from "../lib/values";
import { isReplica } from "./data-protection";

/** Where each store type keeps the password the program sets. */
const passwordProperties: Readonly<Record<string, readonly string[]>> = {
  [T.rdsInstance]: ["password", "passwordWo"],
  [T.rdsCluster]: ["masterPassword", "masterPasswordWo"],
  [T.cacheReplicationGroup]: ["authToken", "authTokenWo"],
};

/** The secrets whose versions hold `store`'s password. */
function credentialSecrets(stack: StackView, store: StackResource, passwordKeys: readonly string[]): { secrets: StackResource[]; unknown: boolean } {
  const sources = new Set(passwordKeys.flatMap((key) => store.propertyDependencies[key] ?? []));
  const secrets = new Set<StackResource>();
  let unknown = false;
  for (const version of stack.ofType(T.secretVersion)) {
    const deps = version.propertyDependencies.secretString ?? [];
    if (!deps.includes(store.urn) && !deps.some((urn) => sources.has(urn))) continue;
    const link = stack.link(version, "secretId", [T.secret]);
    if (!link.known) unknown = true;
    else link.targets.forEach((s) => secrets.add(s));
  }
  return { secrets: [...secrets], unknown };
}

/** What the rule reads of a rotation's schedule. */
interface RotationRules {
  readonly automaticallyAfterDays?: unknown;
  readonly scheduleExpression?: unknown;
}

export const secretRotation = rule({
  name: "secret-rotation",
  description: "The credentials of databases and caches live in a Secrets Manager secret that rotates automatically (at most every 90 days), or in RDS's own managed master password.",
  theme: "data-protection",
  scope: "per-environment",
  fix: "An aws.secretsmanager.SecretRotation for the credentials secret (rotationLambdaArn, rotationRules.automaticallyAfterDays <= 90), or RDS manageMasterUserPassword; where the workloads cannot yet take a rotation, a suppression with the reason.",
  controls: { cdkNag: ["AwsSolutions-SMG4"], checkov: ["CKV2_AWS_57", "CKV_AWS_304"] },
  configSchema: {
    properties: {
      maxDays: { type: "integer", minimum: 1, maximum: 1000, default: 90, description: "Longest rotation interval accepted, in days." },
    },
  },
  defaults: { maxDays: 90 },
  checkStack(stack, c) {
    for (const store of stack.ofType(...Object.keys(passwordProperties))) {
      const keys = passwordProperties[store.type];
      // RDS-managed master passwords (manageMasterUserPassword) set no password here: nothing to judge.
      if (isReplica(store) || !keys.some((key) => present(store.props[key]))) continue;
      const { secrets, unknown } = credentialSecrets(stack, store, keys);
      if (unknown) c.undecided(`${store.name}: the secret that holds its credentials`);
      if (secrets.length === 0) {
        if (!unknown) c.report(`${store.name} has a password the program sets and no Secrets Manager secret holds it to rotate`, store.urn);
        continue;
      }
      for (const secret of secrets) {
        const { sources, unknown: unlinked } = stack.linkedTo(secret, [T.secretRotation], "secretId");
        if (unlinked.length > 0) {
          c.undecided(`${secret.name}: its rotation`);
          continue;
        }
        const active = sources.filter((r) => r.props.rotationEnabled !== false);
        if (active.length === 0) {
          c.report(`secret ${secret.name} holds the credentials of ${store.name} and never rotates`, secret.urn);
          continue;
        }
        const rules = active[0].props.rotationRules as RotationRules | undefined;
        const days = rules?.automaticallyAfterDays;
        if (isUnknown(days) || isUnknown(rules?.scheduleExpression)) c.undecided(`${active[0].name}: rotationRules`);
        else if (present(days) && Number(days) > c.config.maxDays) c.report(`secret ${secret.name} rotates every ${text(days)} days: at most ${c.config.maxDays}`, secret.urn);
      }
    }
  },
});

export const secretRotationRules: readonly PlatformRule[] = [secretRotation];
