import * as pulumi from "@pulumi/pulumi";
import { ResourceModel } from "./model";

/** How the engine hands a secret value to the SDK; the SDK turns it back into a secret Output. */
const secretValue = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });

/**
 * `pulumi:pulumi:StackReference` is a read of another stack's outputs from the state backend. The
 * mock answers from a stack rendered before this one (render's `stacks`), by its fully qualified
 * name, and keeps its secret outputs secret: `getOutput` of one of them is a secret Output.
 */
export const stackReferenceResources: Record<string, ResourceModel> = {
  "pulumi:pulumi:StackReference": (ctx) => {
    const name = String(ctx.inputs.name);
    if (name.split("/").length !== 3) throw new Error(`StackReference ${ctx.name}: '${name}' is not <organization>/<project>/<stack>`);
    const other = Object.values(ctx.stacks ?? {}).find((s) => s.qualifiedName === name);
    if (!other) {
      const known = Object.values(ctx.stacks ?? {}).map((s) => s.qualifiedName);
      throw new Error(`StackReference ${ctx.name}: no stack ${name} in the state backend (rendered before this one: ${known.join(", ") || "none"})`);
    }
    const outputs = Object.fromEntries(Object.entries(other.outputs).map(([key, value]) => [key, other.secretOutputNames.includes(key) ? secretValue(value) : value]));
    return { id: name, state: { name, outputs, secretOutputNames: [...other.secretOutputNames] } };
  },
};
