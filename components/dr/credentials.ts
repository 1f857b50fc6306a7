import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ReplicaCredentialsArgs {
  /** Secrets Manager name in the standby region, e.g. `platform/prod-dr/database`. */
  readonly secretName: string;
  /** The standby region's data key. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Pulumi `protect` and a 30-day recovery window; otherwise deleted at once. */
  readonly protect: boolean;
  /** The primary's master-credentials secret (its ARN, from the primary's outputs). */
  readonly sourceSecretArn: pulumi.Input<string>;
  /** The standby database's endpoint: the copy's `host`. */
  readonly host: pulumi.Input<string>;
  /** The standby database's port: the copy's `port`. */
  readonly port: pulumi.Input<number>;
  /**
   * Read the primary's secret now (`standby` state, the primary region is up). Once the standby
   * serves, the primary's region may be gone: the copy keeps the value it has (the promoted
   * database kept the same master password).
   */
  readonly copyFromPrimary: boolean;
  /** A provider for the primary's region, where its secret lives. */
  readonly primaryProvider: pulumi.ProviderResource;
}

/**
 * The standby database's master credentials, in the standby region. A read replica or an Aurora
 * secondary has the primary's users and passwords (replication copies them), so the secret is a
 * copy of the primary's secret, with `host` and `port` of the standby's endpoint: the services of
 * the standby read it in their own region, also when the primary's region is down.
 *
 * Why a copy owned by the standby rather than a Secrets Manager replica of the primary's secret:
 * a replica is configured on the primary's secret (the primary stack would own a link to the
 * standby, and need the standby's KMS key before the standby exists), and its JSON would still
 * name the primary's host. The copy is refreshed by every rollout of the standby, which runs
 * after the primary's (the primary's password only changes through a rollout of the primary).
 */
export function replicaCredentials(name: string, args: ReplicaCredentialsArgs, parent: pulumi.Resource): aws.secretsmanager.Secret {
  const secret = new aws.secretsmanager.Secret(
    `${name}-secret`,
    {
      name: args.secretName,
      description: "Master credentials of the standby database: the primary's, with the standby's host (engine, host, port, username, password, dbname)",
      kmsKeyId: args.kmsKeyArn,
      recoveryWindowInDays: args.protect ? 30 : 0,
    },
    { parent, protect: args.protect },
  );
  const content = args.copyFromPrimary
    ? pulumi
        .all([aws.secretsmanager.getSecretVersionOutput({ secretId: args.sourceSecretArn }, { parent, provider: args.primaryProvider }).secretString, args.host, args.port])
        .apply(([text, host, port]) => JSON.stringify({ ...sourceCredentials(text), host, port }))
    : // Not read while serving; ignoreChanges keeps the last copy in place of this value.
      pulumi.output("");
  new aws.secretsmanager.SecretVersion(
    `${name}-secret-value`,
    { secretId: secret.id, secretString: pulumi.secret(content) },
    { parent, ignoreChanges: args.copyFromPrimary ? [] : ["secretString"] },
  );
  return secret;
}

/** The primary's secret JSON; a value that is not the credentials format stops the update (never printed). */
function sourceCredentials(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error("the primary's database secret is not JSON (engine, host, port, username, password, dbname)");
  }
  const record = parsed as Record<string, unknown>;
  const missing = ["username", "password"].filter((key) => typeof record?.[key] !== "string");
  if (missing.length > 0) throw new Error(`the primary's database secret lacks ${missing.join(" and ")}`);
  return record;
}
