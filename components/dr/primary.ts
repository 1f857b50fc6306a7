import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

const text = z.string().min(1);
const arn = z.string().regex(/^arn:aws[a-z-]*:/, "must be an ARN");

/**
 * What the standby reads of its primary's stack outputs (components/platform.ts platformOutputs of
 * the primary), key by key. Read from the state backend, never from the primary's region: the
 * standby stays operable while that region is down.
 */
export const primaryOutputSchemas = {
  region: text,
  accountId: z.string().regex(/^\d{12}$/, "must be a 12-digit account id"),
  kmsKeyArns: z.object({ data: arn, storage: arn }).passthrough(),
  database: z
    .object({
      engine: z.enum(["postgres", "aurora-postgresql", "aurora-mysql"]),
      /** The instance (postgres) or the writer instance (Aurora). */
      identifier: text,
      /** The instance or cluster ARN: a cross-region replica names its source by ARN. */
      arn,
      secretArn: arn,
      port: z.number().int(),
      clusterIdentifier: text.optional(),
      globalClusterIdentifier: text.optional(),
    })
    .passthrough(),
  cache: z.object({ replicationGroupId: text }).passthrough(),
  buckets: z.record(z.object({ bucketName: text, arn, encryption: z.enum(["kms", "s3"]) }).passthrough()),
  repositories: z.record(z.object({ name: text, arn }).passthrough()),
  albDnsName: text,
  albZoneId: text,
  albHttpsListenerArn: arn,
  healthUrl: z.string().url(),
  ecsClusterName: text,
  ecsServices: z.record(z.object({ serviceName: text }).passthrough()),
  /**
   * An EKS primary's cluster, its API endpoint and CA (what a drill dials) and the namespace of its
   * Deployments (one per service, named as the service, as is its HorizontalPodAutoscaler).
   */
  eks: z
    .object({
      clusterName: text,
      endpoint: z.string().startsWith("https://", "must be the cluster's https endpoint"),
      certificateAuthority: text,
      namespace: text,
      deploymentNames: z.array(text).min(1, "needs at least one Deployment"),
    })
    .passthrough(),
  /** An EKS primary's failover name, which its Ingress serves (platform:dr.failover.domainName). */
  failoverDomainName: text,
} as const;

export type PrimaryOutputs = { readonly [K in keyof typeof primaryOutputSchemas]: z.infer<(typeof primaryOutputSchemas)[K]> };

/**
 * The primary stack's outputs through one StackReference, each key checked when it resolves: a
 * primary that was not rolled out (or predates an output) fails the standby's update with what
 * is missing and what to do, instead of a resource with an empty input.
 */
export class PrimaryStack {
  readonly reference: pulumi.StackReference;

  /**
   * @param qualifiedName `<organization>/<project>/<stack>` in the state backend
   * @param stack the primary's stack name, for messages
   */
  constructor(name: string, readonly qualifiedName: string, readonly stack: string, opts: pulumi.CustomResourceOptions) {
    this.reference = new pulumi.StackReference(name, { name: qualifiedName }, opts);
  }

  /** One output, validated; secret outputs stay secret (StackReference.getOutput keeps the flag). */
  get<K extends keyof PrimaryOutputs>(key: K): pulumi.Output<PrimaryOutputs[K]> {
    return this.reference.getOutput(key).apply((value) => parsePrimaryOutput(this.stack, key, value));
  }
}

/** Checks one output of the primary; throws a message that names the output and the fix. */
export function parsePrimaryOutput<K extends keyof PrimaryOutputs>(stack: string, key: K, value: unknown): PrimaryOutputs[K] {
  const fix = `roll ${stack} out first (npm run rollout -- --stacks ${stack})`;
  if (value === undefined) throw new Error(`stack ${stack} has no '${key}' output, which the standby reads: ${fix}`);
  const parsed = primaryOutputSchemas[key].safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${[key, ...issue.path].join(".")}: ${issue.message}`);
    throw new Error(`stack ${stack}'s '${key}' output is not what the standby reads (${problems.join("; ")}): ${fix}`);
  }
  return parsed.data as PrimaryOutputs[K];
}
