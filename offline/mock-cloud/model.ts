import { BucketFacts, OtherStacks } from "../other-stacks";
import { Inputs } from "./inputs";

/** What a resource model sees: the resource's inputs and the account it is created in. */
export interface ModelContext {
  readonly type: string;
  readonly name: string;
  readonly inputs: Inputs;
  readonly region: string;
  readonly accountId: string;
  /** Deterministic per-resource seed for ids. */
  readonly seed: string;
  /** Stacks rendered before this one (a standby's primary); none when omitted. */
  readonly stacks?: OtherStacks;
  /** The S3 buckets created so far, by name, in this render and the stacks rendered before it. */
  readonly buckets?: ReadonlyMap<string, BucketFacts>;
}

export interface ModelResult {
  readonly id: string;
  /** Attributes AWS computes; merged over the inputs to form the resource's state. */
  readonly state: Record<string, unknown>;
}

export type ResourceModel = (ctx: ModelContext) => ModelResult;
/** Where a function call runs: its provider's region and account, and the principal making it. */
export interface CallEnvironment {
  readonly region: string;
  readonly accountId: string;
  /** The principal GetCallerIdentity answers with (an assumed role's session, or the ambient user). */
  readonly callerArn?: string;
  readonly stacks?: OtherStacks;
}

export type CallModel = (inputs: Inputs, env: CallEnvironment) => Record<string, unknown>;
