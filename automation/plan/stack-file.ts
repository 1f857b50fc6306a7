import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";

/** A stack's config file, flattened the way Pulumi hands config to a program. */
export interface StackFile {
  readonly stack: string;
  readonly file: string;
  /** `namespace:key` -> text; structured values as JSON. */
  readonly config: Record<string, string>;
  /** Keys stored encrypted (`secure:`); their values cannot be read offline. */
  readonly secretKeys: string[];
}

export class StackFileError extends Error {}

/** The directory holding Pulumi.yaml, whether running from sources or from dist/. */
export const repoRoot = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** `prod` -> `<repo>/Pulumi.prod.yaml`; the stack name of a file is what sits between the dots. */
export function stackFilePath(stack: string): string {
  return path.join(repoRoot, `Pulumi.${stack}.yaml`);
}

export function stackNameOf(file: string): string {
  const match = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file));
  return match ? match[1] : path.basename(file).replace(/\.ya?ml$/, "");
}

export function readStackFile(file: string, stack = stackNameOf(file)): StackFile {
  if (!fs.existsSync(file)) {
    throw new StackFileError(`${file}: no such stack file`);
  }
  const document = parseDocument(fs.readFileSync(file, "utf8"), { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const line = first.linePos?.[0].line;
    throw new StackFileError(`${file}${line ? `:${line}` : ""}: malformed YAML: ${first.message.split("\n")[0]}`);
  }
  const root = document.toJS() as unknown;
  if (!root || typeof root !== "object" || Array.isArray(root)) {
    throw new StackFileError(`${file}: must be a mapping with a 'config' key`);
  }
  const unknownTop = Object.keys(root).filter((key) => !["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"].includes(key));
  if (unknownTop.length > 0) {
    throw new StackFileError(`${file}: unknown top-level key '${unknownTop[0]}' (allowed: config, secretsprovider, encryptedkey, encryptionsalt, environment)`);
  }
  const config = (root as { config?: unknown }).config;
  if (!config || typeof config !== "object" || Array.isArray(config)) {
    throw new StackFileError(`${file}: 'config' must be a mapping of namespace:key to value`);
  }
  const flat: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (!key.includes(":")) {
      throw new StackFileError(`${file}: config key '${key}' needs a namespace, e.g. platform:${key}`);
    }
    if (isSecure(value)) {
      secretKeys.push(key);
      flat[key] = "[secret]";
      continue;
    }
    flat[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { stack, file, config: flat, secretKeys };
}

function isSecure(value: unknown): boolean {
  return Boolean(value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value);
}
