import * as pulumi from "@pulumi/pulumi";
import type { ServiceSettings } from "../../model/compute/settings";
import { envValueParts } from "../../model/compute/env-refs";
import { parseServiceSecretRef } from "../../model/security/settings";
import type { PlatformSettings } from "../../model/platform";
import type { SecretSource } from "../compute/ecs/container";
import type { Standby } from "../dr";
import type { AppSecrets } from "../security/app-secrets";
import type { Storage } from "../storage";
import type { DataTier } from "./data";

/**
 * What services and jobs may refer to by name (`${bucket.files}`, `${database.host}`, a secret
 * key), as the tiers that own it built it. A standby's data and replica buckets are the dr
 * tier's copies, so the same references resolve on both sides.
 */
export interface ReferenceTargets {
  readonly region: string;
  readonly storage?: {
    readonly logBucket: { readonly bucketName: pulumi.Input<string>; readonly arn: pulumi.Input<string>; readonly policy: pulumi.CustomResource };
    readonly buckets: Readonly<Record<string, { readonly bucketName: pulumi.Input<string>; readonly arn: pulumi.Input<string>; readonly encryption: "kms" | "s3" }>>;
    readonly repositories: Readonly<Record<string, { readonly repositoryUrl: pulumi.Input<string>; readonly arn: pulumi.Input<string> }>>;
  };
  readonly data?: {
    readonly database?: { readonly endpoint: pulumi.Input<string>; readonly port: pulumi.Input<number>; readonly secretArn: pulumi.Input<string> };
    readonly cache?: { readonly endpoint: pulumi.Input<string>; readonly port: pulumi.Input<number>; readonly authSecretArn: pulumi.Input<string> };
  };
  /** Application secrets by key (platform:appSecrets). */
  readonly appSecretArns: Readonly<Record<string, pulumi.Input<string>>>;
}

/** The stack's reference targets: its own stores, or on a standby the dr tier's copies beside its own buckets. */
export function referenceTargets(
  config: PlatformSettings,
  tiers: { readonly storage: Storage; readonly data?: DataTier; readonly appSecrets?: AppSecrets; readonly standby?: Standby },
): ReferenceTargets {
  const { storage, data, appSecrets, standby } = tiers;
  return {
    region: config.region,
    appSecretArns: appSecrets?.arns ?? {},
    storage: { logBucket: storage.logBucket, repositories: storage.repositories, buckets: { ...storage.buckets, ...(standby?.buckets ?? {}) } },
    data: data
      ? {
          database: { endpoint: data.database.endpoint, port: data.database.port, secretArn: data.database.secretArn },
          cache: { endpoint: data.cache.endpoint, port: data.cache.port, authSecretArn: data.cache.authSecretArn },
        }
      : standby && {
          database: standby.database,
          cache: standby.cache && { endpoint: standby.cache.endpoint, port: standby.cache.port, authSecretArn: standby.cache.authSecretArn },
        },
  };
}

/** A failure the config checks rule out; reaching it means the checks and the wiring disagree. */
function missing(owner: string, what: string): never {
  throw new Error(`${owner}: ${what} is not built in this stack`);
}

/** Replaces each `${...}` reference of a plain value with the output it names; a value without references stays a string. */
export function resolveEnvValue(value: string, owner: string, targets: ReferenceTargets): pulumi.Input<string> {
  const parts = envValueParts(value);
  if (parts.every((part) => typeof part === "string")) return value;
  return pulumi.concat(...parts.map((part) => (typeof part === "string" ? part : lookup(part.ref, owner, targets))));
}

function lookup(ref: string, owner: string, { region, storage, data }: ReferenceTargets): pulumi.Input<string | number> {
  if (ref === "region") return region;
  if (ref === "database.host") return (data?.database ?? missing(owner, "the database")).endpoint;
  if (ref === "database.port") return (data?.database ?? missing(owner, "the database")).port;
  if (ref === "cache.host") return (data?.cache ?? missing(owner, "the cache")).endpoint;
  if (ref === "cache.port") return (data?.cache ?? missing(owner, "the cache")).port;
  const bucket = ref.slice("bucket.".length);
  return (storage?.buckets[bucket] ?? missing(owner, `bucket ${bucket}`)).bucketName;
}

/** A service's references to other tiers (image, `${...}` values, secrets, buckets), resolved to their outputs. */
export interface ResolvedService {
  readonly image: pulumi.Input<string>;
  readonly repositoryArn?: pulumi.Input<string>;
  readonly environment: Record<string, pulumi.Input<string>>;
  readonly secrets: Record<string, SecretSource>;
  readonly buckets: { readonly arn: pulumi.Input<string>; readonly access: "read" | "readwrite" }[];
}

/** Resolves a service's references the same way for both compute variants. */
export function resolveServiceReferences(service: ServiceSettings, targets: ReferenceTargets): ResolvedService {
  const { storage, data } = targets;
  const owner = `service ${service.name}`;
  let image: pulumi.Input<string>;
  let repositoryArn: pulumi.Input<string> | undefined;
  if ("uri" in service.image) {
    image = service.image.uri;
  } else {
    const repository = storage?.repositories[service.image.repository] ?? missing(owner, `repository ${service.image.repository}`);
    image = pulumi.interpolate`${repository.repositoryUrl}:${service.image.tag}`;
    repositoryArn = repository.arn;
  }
  const secrets: Record<string, SecretSource> = {};
  for (const [variable, reference] of Object.entries(service.secrets)) {
    const { ref, jsonKey } = parseServiceSecretRef(reference);
    const arn =
      ref === "database"
        ? (data?.database ?? missing(owner, "the database")).secretArn
        : ref === "cache"
          ? (data?.cache ?? missing(owner, "the cache")).authSecretArn
          : (targets.appSecretArns[ref] ?? missing(owner, `application secret ${ref}`));
    secrets[variable] = { ref, arn, jsonKey };
  }
  return {
    image,
    repositoryArn,
    environment: Object.fromEntries(Object.entries(service.environment).map(([key, value]) => [key, resolveEnvValue(value, owner, targets)])),
    secrets,
    buckets: service.permissions.buckets.map((grant) => ({ arn: (storage?.buckets[grant.bucket] ?? missing(owner, `bucket ${grant.bucket}`)).arn, access: grant.access })),
  };
}
