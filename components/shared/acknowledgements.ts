import * as pulumi from "@pulumi/pulumi";

/**
 * `platform:acknowledgedReplacements` applied to the program: Pulumi `protect` is lifted on each
 * protected resource the list names, so that the update may replace it. Pulumi refuses to
 * replace a resource registered with `protect`, and allows it in the same update that registers
 * it without (pulumi/pulumi#8873: a replacement goes ahead when either the old or the new state
 * is unprotected).
 *
 * An entry is a logical name, or `<type>::<name>` when resources of two types share the name.
 * `check()`, once the program has registered everything, fails on an entry that matched no
 * protected resource (a typo would otherwise leave the change to fail on protection) and on a
 * bare name that matched more than one.
 */
export class Acknowledgements {
  private readonly matches = new Map<string, string[]>();

  constructor(private readonly entries: readonly string[]) {}

  /** Lifts `protect` on the named resources; for the stack's component options (children inherit it). */
  readonly transformation: pulumi.ResourceTransformation = (args) => {
    if (!args.opts.protect) return undefined;
    const entry = this.entries.find((e) => e === args.name || e === `${args.type}::${args.name}`);
    if (entry === undefined) return undefined;
    this.matches.set(entry, [...(this.matches.get(entry) ?? []), `${args.type}::${args.name}`]);
    return { props: args.props, opts: { ...args.opts, protect: false } };
  };

  /** Throws when an entry named no protected resource, or a bare name named several. */
  check(): void {
    const problems = this.entries.flatMap((entry) => {
      const matched = this.matches.get(entry) ?? [];
      if (matched.length === 0) return [`platform:acknowledgedReplacements: ${entry} is no protected resource of this stack`];
      if (matched.length > 1) return [`platform:acknowledgedReplacements: ${entry} names ${matched.length} protected resources (${matched.join(", ")}): write one as <type>::<name>`];
      return [];
    });
    if (problems.length > 0) throw new pulumi.RunError(problems.join("\n"));
  }
}
