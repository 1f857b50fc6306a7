// What each direct dependency costs `npm ci`: the packages of package-lock.json that only it pulls
// in (its transitive closure minus every other direct dependency's) and their size on disk.
import * as fs from "fs";
import * as path from "path";

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  dev?: boolean;
}

export interface InstallCost {
  readonly name: string;
  readonly packages: number;
  readonly bytes: number;
  /** Everything it pulls in, shared packages included: what removing it alone would not save. */
  readonly closureBytes: number;
}

/** Per direct dependency, then one entry (`shared`) for the packages two or more of them pull in. */
export function installCosts(root: string): InstallCost[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const direct = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})];

  /** Node's resolution over the lockfile's paths: the nearest node_modules/<name> up from `from`. */
  const resolve = (from: string, name: string): string | undefined => {
    let dir = from;
    for (;;) {
      const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
      if (lock.packages[candidate]) return candidate;
      if (!dir) return undefined;
      const at = dir.lastIndexOf("/node_modules/");
      dir = at < 0 ? "" : dir.slice(0, at);
    }
  };
  const closure = (name: string): Set<string> => {
    const seen = new Set<string>();
    const start = resolve("", name);
    const queue = start ? [start] : [];
    while (queue.length > 0) {
      const key = queue.pop() as string;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = lock.packages[key];
      for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
        const found = resolve(key, dep);
        if (found) queue.push(found);
      }
    }
    return seen;
  };

  const closures = new Map(direct.map((name) => [name, closure(name)]));
  const owners = new Map<string, number>();
  for (const set of closures.values()) for (const key of set) owners.set(key, (owners.get(key) ?? 0) + 1);
  // An optional package for another platform (esbuild's) is in the lockfile but not installed.
  const installed = (key: string) => fs.existsSync(path.join(root, key));
  const sizes = new Map<string, number>();
  const size = (key: string) => sizes.get(key) ?? sizes.set(key, packageBytes(path.join(root, key))).get(key) ?? 0;
  const bytesOf = (keys: Iterable<string>) => [...keys].filter(installed).reduce((sum, key) => sum + size(key), 0);
  const cost = (name: string, keys: string[], closureKeys: Iterable<string> = keys): InstallCost => ({
    name,
    packages: keys.filter(installed).length,
    bytes: bytesOf(keys),
    closureBytes: bytesOf(closureKeys),
  });
  const shared = [...owners].filter(([, count]) => count > 1).map(([key]) => key);
  return [
    ...direct.map((name) => cost(name, [...(closures.get(name) ?? [])].filter((key) => owners.get(key) === 1), closures.get(name))),
    cost("(shared by several)", shared),
  ].sort((a, b) => b.bytes - a.bytes);
}

/** A package's files on disk, without the packages nested in its own node_modules (counted as theirs). */
function packageBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += packageBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}
