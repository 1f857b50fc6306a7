import { projectName } from "./project-root";

/**
 * Namespaces a stack file's keys may use: the platform's own settings, the AWS provider's
 * (`aws:region`, `aws:profile`), the project's own (Pulumi.yaml `name`) and Pulumi's (`pulumi:`).
 * A key in any other namespace is read by nothing: a misspelt `platfrom:observability` would
 * silently drop prod's alarms and budget.
 */
const fixedNamespaces = ["platform", "aws", "pulumi"] as const;

/** Why the namespace of `key` (`platfrom:observability`) is not one a key may use, or undefined when it is. */
export function namespaceProblem(key: string, project = projectName()): string | undefined {
  const colon = key.indexOf(":");
  const namespace = colon < 0 ? "" : key.slice(0, colon);
  const known = [fixedNamespaces[0], fixedNamespaces[1], ...(project ? [project] : []), fixedNamespaces[2]];
  if (known.includes(namespace)) return undefined;
  const near = known.find((name) => editDistance(namespace.toLowerCase(), name) <= Math.min(2, Math.floor(name.length / 3)));
  if (near) return `is not in a known namespace: '${namespace}' looks like a misspelling of '${near}' (write ${near}:${key.slice(colon + 1)})`;
  return `is not in a known namespace (allowed: ${known.join(", ")})`;
}

/** Damerau-Levenshtein distance (a swap of two neighbours counts once: platfrom -> platform is 1). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
