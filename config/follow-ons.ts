import type { ConfigIssue } from "./errors";

/**
 * One line per cause. A validator that runs every rule finds one mistake many times over: a
 * renamed bucket is missing wherever it is referenced, a long project name makes every physical
 * name too long. These are follow-ons: they are folded into the issue of the field at fault.
 */
export function tidyIssues(issues: readonly ConfigIssue[], stack: { project?: unknown; environment?: unknown }): ConfigIssue[] {
  return foldReferences(blameNamePrefix(unique(issues), stack));
}

function unique(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const prefixFields = ["platform:project", "platform:environment"];

/**
 * Physical names start with `<project>-<environment>`. When names of more than one section are
 * invalid (too long, a reserved `xn--`), the prefix is at fault, not each bucket, cache or job: one issue at platform:project.
 * When the project or environment has a problem of its own, the names it makes are follow-ons.
 */
function blameNamePrefix(issues: ConfigIssue[], stack: { project?: unknown; environment?: unknown }): ConfigIssue[] {
  if (typeof stack.project !== "string" || typeof stack.environment !== "string") return issues;
  const prefix = `${stack.project}-${stack.environment}`;
  const named = issues.filter((i) => !prefixFields.includes(i.path) && i.message.includes(prefix));
  if (named.length === 0) return issues;
  const rest = issues.filter((i) => !named.includes(i));
  if (rest.some((i) => prefixFields.includes(i.path))) return rest;
  const sections = new Set(named.map((i) => i.path.split(/[.[]/)[0]));
  if (sections.size < 2) return issues;
  const first = named[0];
  return [
    {
      path: "platform:project",
      value: JSON.stringify(stack.project),
      message:
        `with environment ${JSON.stringify(stack.environment)} makes ${named.length} physical names invalid ` +
        `(${[...new Set(named.map((i) => i.path))].join(", ")}; first: ${first.message}); change platform:project or platform:environment`,
    },
    ...rest,
  ];
}

/** A reference to a bucket, repository, secret, service or node group the config does not have. */
const referencePattern = /(?:^|\b)(?:is not an?|names no) (bucket|repository|secret|service|node group)\b/;

/** Every reference to one missing name folded into the first, with the count of the others. */
function foldReferences(issues: ConfigIssue[]): ConfigIssue[] {
  const groups = new Map<string, ConfigIssue[]>();
  const order: (ConfigIssue | string)[] = [];
  for (const issue of issues) {
    const key = referenceKey(issue);
    if (!key) {
      order.push(issue);
      continue;
    }
    if (!groups.has(key)) {
      groups.set(key, []);
      order.push(key);
    }
    groups.get(key)?.push(issue);
  }
  return order.map((entry) => {
    if (typeof entry !== "string") return entry;
    const [first, ...others] = groups.get(entry) ?? [];
    return others.length === 0 ? first : { ...first, message: `${first.message} (and ${others.length} more reference${others.length > 1 ? "s" : ""} to it)` };
  });
}

function referenceKey(issue: ConfigIssue): string | undefined {
  const kind = referencePattern.exec(issue.message)?.[1];
  if (!kind || issue.value === undefined) return undefined;
  const ref = /\$\{\w+\.([^}]+)\}/.exec(issue.value)?.[1];
  let name = ref;
  if (name === undefined) {
    try {
      const value: unknown = JSON.parse(issue.value);
      name = typeof value === "string" ? value : undefined;
    } catch {
      name = undefined;
    }
  }
  return name === undefined ? undefined : `${kind}\u0000${name}`;
}
