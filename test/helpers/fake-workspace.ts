import { LocalWorkspace, RemoteWorkspace } from "@pulumi/pulumi/automation";

/** LocalWorkspace.selectStack as LocalWorkspaceDriver calls it: with the stack's name and work directory. */
type SelectStack = (args: unknown, options?: unknown) => Promise<unknown>;

/** The class seen as an object whose selectStack a test may replace (a static method, called as a plain function). */
const workspace = LocalWorkspace as { selectStack: SelectStack };

/**
 * Makes LocalWorkspace.selectStack answer with `select` (a fake stack instead of the Pulumi CLI's);
 * returns the function that puts the real one back.
 */
export function replaceSelectStack(select: SelectStack): () => void {
  const original = workspace.selectStack;
  workspace.selectStack = select;
  return () => {
    workspace.selectStack = original;
  };
}

const remote = RemoteWorkspace as unknown as { selectStack: SelectStack };

/** The same for RemoteWorkspace.selectStack: a fake remote stack instead of a Pulumi Deployments run. */
export function replaceRemoteSelectStack(select: SelectStack): () => void {
  const original = remote.selectStack;
  remote.selectStack = select;
  return () => {
    remote.selectStack = original;
  };
}
