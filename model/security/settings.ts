/** `platform:security`. */
export interface SecuritySettings {
  readonly kms: {
    /** Days KMS waits before deleting a scheduled key (7-30). */
    readonly deletionWindowDays: number;
  };
  /** A bastion host reached through Session Manager, in a private app subnet. */
  readonly bastion: boolean;
  /** The bastion's instance type. */
  readonly bastionInstanceType: string;
}

/**
 * An application secret (`platform:appSecrets.<key>`), one Secrets Manager secret named
 * `<project>/<environment>/<key>`: `generated` is a random value Pulumi writes; `external` is an
 * empty secret an operator fills out of band, so Pulumi never sees the value.
 */
export type AppSecretSettings =
  | { readonly source: "generated"; readonly length: number; readonly rotationDays?: number; readonly description?: string }
  | { readonly source: "external"; readonly maxAgeDays?: number; readonly description?: string };

/** Application secrets by key. */
export type AppSecretsSettings = Readonly<Record<string, AppSecretSettings>>;

/** Secret references the data tier answers instead of `appSecrets`. */
export const dataSecretRefs = ["database", "cache"] as const;

/** A service's secret reference: `database:password` -> { ref: "database", jsonKey: "password" }. */
export interface ServiceSecretRef {
  /** `database`, `cache` or a key of `appSecrets`. */
  readonly ref: string;
  /** One field of a JSON secret. */
  readonly jsonKey?: string;
}

export function parseServiceSecretRef(text: string): ServiceSecretRef {
  const colon = text.indexOf(":");
  return colon < 0 ? { ref: text } : { ref: text.slice(0, colon), jsonKey: text.slice(colon + 1) };
}
