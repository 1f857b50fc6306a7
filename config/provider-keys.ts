import type { ConfigIssue } from "./errors";

/**
 * `aws:<key>` settings of a stack file. The program builds every AWS provider explicitly, and an
 * explicit provider reads no `aws:` config: only Pulumi's default provider does (Pulumi's
 * configuration docs: "If you instantiate a provider object, it will not read values from the
 * stack configuration"). So `aws:profile`, `aws:assumeRoles` or `aws:allowedAccountIds` in a stack
 * file would change nothing while looking as if they pinned the account. `aws:region` is the one
 * the program reads itself.
 */
const replacements: Readonly<Record<string, string>> = {
  profile: "platform:account.profile",
  assumeRole: "platform:account.role",
  assumeRoles: "platform:account.role",
  allowedAccountIds: "platform:account.id",
  forbiddenAccountIds: "platform:account.id",
  defaultTags: "platform:tags",
};

/** One issue per `aws:` key other than `aws:region`: what the program ignores, and what to set instead. */
export function ignoredProviderKeys(keys: readonly string[]): ConfigIssue[] {
  return keys
    .filter((key) => key.startsWith("aws:") && key !== "aws:region")
    .map((key) => {
      const instead = replacements[key.slice("aws:".length)];
      return {
        path: key,
        value: undefined,
        message: `is not read: every AWS provider of this program is explicit, and explicit providers read no aws: config${instead ? `; set ${instead}` : ""} (aws:region is the only aws: key read)`,
      };
    });
}
