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
}

/** The rendered stacks a render can refer to, by stack name. */
export type OtherStacks = Readonly<Record<string, OtherStack>>;

/** What a resource model sees: the resource's inputs and the account it is created in. */
export interface ModelContext {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
  readonly region: string;
  readonly accountId: string;
  /** Deterministic per-resource seed for ids. */
  readonly seed: string;
  /** Stacks rendered before this one (a standby's primary); none when omitted. */
  readonly stacks?: OtherStacks;
}

export interface ModelResult {
  readonly id: string;
  /** Attributes AWS computes; merged over the inputs to form the resource's state. */
  readonly state: Record<string, unknown>;
}

export type ResourceModel = (ctx: ModelContext) => ModelResult;
export type CallModel = (inputs: Record<string, any>, env: { region: string; accountId: string; stacks?: OtherStacks }) => Record<string, unknown>;
