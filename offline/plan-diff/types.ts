/**
 * The shapes of a plan comparison. A plan is the list of registrations an offline render captured
 * (`RenderResult.resources`): `CapturedResource` fits `PlanResource` as it is.
 */

/** One registration of a rendered plan, as the comparison reads it. */
export interface PlanResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** False for component resources, which own no cloud state of their own. */
  readonly custom: boolean;
  readonly id?: string;
  /** Inputs with secret values still wrapped (the renderer's capture). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Inputs merged with what the cloud computed (ids, ARNs, endpoints). */
  readonly state?: Readonly<Record<string, unknown>>;
  readonly options: {
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
    readonly deleteBeforeReplace?: boolean;
    /** Resource URNs each top-level input depends on. */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  };
}

/** One changed property: a leaf path (`capacityProviderStrategies[0].weight`) and both values, secrets redacted. */
export interface FieldChange {
  readonly path: string;
  readonly before: unknown;
  /** The new value; `unknownAfter` says it is only known once another resource is replaced. */
  readonly after: unknown;
  /** The URN of the replaced resource whose new id or ARN this value holds (what a preview shows as unknown). */
  readonly unknownAfter?: string;
}

/** Why a resource is replaced: the property, and the provider rule that forces it. */
export interface ReplaceReason {
  readonly field: string;
  /** The rule: `<provider> <source>` and, for a conditional rule, its reason. */
  readonly rule: string;
}

export interface ResourceRef {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Pulumi `protect` as the plan registered it. */
  readonly protect: boolean;
}

export interface Update extends ResourceRef {
  readonly fields: readonly FieldChange[];
  /** True for a component (awsx, @pulumi/eks) whose children the offline render does not model. */
  readonly component?: boolean;
}

export interface Replacement extends Update {
  readonly because: readonly ReplaceReason[];
  /** The new resource is created before the old one is deleted unless `deleteBeforeReplace`. */
  readonly deleteBeforeReplace: boolean;
}

/** An update the provider refuses at preview, by resource and field. */
export interface Refusal {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly field: string;
  /** Who refuses: the provider at preview, or the AWS service when the update is applied. */
  readonly refusedBy: string;
  readonly message: string;
}

/** A replacement or deletion of a resource the old plan protected. */
export interface ProtectedChange {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly change: "replace" | "delete";
  /** Named in the new config's acknowledgements (`platform:acknowledgedReplacements`). */
  readonly acknowledged: boolean;
}

export interface PlanDiff {
  readonly created: readonly ResourceRef[];
  readonly updated: readonly Update[];
  readonly replaced: readonly Replacement[];
  readonly deleted: readonly ResourceRef[];
  readonly refused: readonly Refusal[];
  readonly protectedChanges: readonly ProtectedChange[];
  /**
   * What `pulumi up` would fail on, one line each: a refusal, a protected resource replaced or
   * deleted without acknowledgement, an acknowledgement that names no protected resource.
   */
  readonly errors: readonly string[];
}

export interface DiffOptions {
  /**
   * Resources whose replacement or deletion the new config acknowledges, by logical name or as
   * `<type>::<name>` (`platform:acknowledgedReplacements`).
   */
  readonly acknowledged?: readonly string[];
}
