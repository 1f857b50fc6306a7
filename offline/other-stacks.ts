/**
 * Another stack of the same account, as a StackReference and that stack's own resources see it:
 * its outputs (secret ones listed by name) and the secret values it wrote to Secrets Manager.
 */
export interface OtherStack {
  /** Its fully qualified name, `<organization>/<project>/<stack>`, as a StackReference names it. */
  readonly qualifiedName: string;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly secretOutputNames: readonly string[];
  /** Current value of each Secrets Manager secret the stack wrote, by secret ARN. */
  readonly secretValues: Readonly<Record<string, string>>;
  /** The S3 buckets the stack created, by name, and whether versioning is on (what a replication configuration needs); none when omitted. */
  readonly buckets?: Readonly<Record<string, BucketFacts>>;
}

/** What S3 knows of a bucket that another resource's request depends on. */
export interface BucketFacts {
  /** Versioning `Enabled` (not suspended, not never set). */
  readonly versioned: boolean;
}

/** The rendered stacks a render can refer to, by stack name. */
export type OtherStacks = Readonly<Record<string, OtherStack>>;
