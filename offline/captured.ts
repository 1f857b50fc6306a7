/** What a render records of the program: each registration and each function call, as made. */

/** Resource options that matter to reviews and policies, as the program set them. */
export interface CapturedOptions {
  readonly protect: boolean;
  readonly ignoreChanges: readonly string[];
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly dependsOn: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
  /** Provider reference `<provider urn>::<provider id>`; undefined for the default provider. */
  readonly provider?: string;
  /** A component's providers by package (what a remote component hands its own children); empty for a custom resource. */
  readonly providers?: Readonly<Record<string, string>>;
  /** Resource URNs each top-level input depends on (what the engine hands policies). */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** One registration the program made, in registration order. */
export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Parent URN; undefined for stack-level resources. */
  readonly parent: string | undefined;
  readonly custom: boolean;
  readonly id: string;
  /** Region the resource lives in: its provider's region (a second provider may differ from the stack's). */
  readonly region: string;
  /** Inputs with secret values still wrapped (see `isSecretValue`). */
  readonly inputs: Record<string, unknown>;
  /** Inputs merged with the attributes the mock cloud computed. */
  readonly state: Record<string, unknown>;
  readonly options: CapturedOptions;
}

/** One function call (data source) the program made, and the region it went to. */
export interface CapturedCall {
  readonly token: string;
  readonly region: string;
  readonly inputs: Record<string, unknown>;
  /** Provider reference; undefined for the default provider. */
  readonly provider?: string;
}

/**
 * A registration AWS bills and Pulumi creates: a custom resource that is not a provider. The
 * stack, the tiers and remote components (awsx, eks) are components; providers configure only.
 */
export function isCloudResource(r: Pick<CapturedResource, "custom" | "type">): boolean {
  return r.custom && !r.type.startsWith("pulumi:providers:");
}

/** How far a render has got: its registrations so far, counted as `plan` prints them. */
export interface RenderProgress {
  /** Cloud resources registered so far (see `isCloudResource`). */
  readonly resources: number;
  /** Components registered so far (the stack, the tiers, awsx and eks components). */
  readonly components: number;
}
