import * as fs from "fs";
import * as path from "path";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";

/** A stack's config file, flattened the way Pulumi hands config to a program. */
export interface StackFile {
  readonly stack: string;
  readonly file: string;
  /** `namespace:key` -> text; structured values as JSON. */
  readonly config: Record<string, string>;
  /** Keys stored encrypted (`secure:`); their values cannot be read offline. */
  readonly secretKeys: string[];
  /** Scalars as the file writes them, by config path (`platform:logs.retentionDays` -> `.inf`), for messages; the reader always sets it. */
  readonly written?: Record<string, string>;
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

/**
 * Bounds every stack file must keep, checked on the raw text before the YAML parser sees it: the
 * parser's work grows with size, its recursion with depth (a few thousand nested `[` overflow
 * the stack) and its duplicate-key check with the square of a map's keys (20,000 keys in one map
 * took 29 s). The largest stack file of the repository is under 20 KiB, 500 keys and 8 levels.
 */
export const stackFileLimits = { bytes: 256 * 1024, entries: 10_000, depth: 32, aliases: 100 } as const;

/** Throws the StackFileError a missing stack file gets; the command line asks before it loads the renderer. */
export function requireStackFile(file: string): void {
  if (!fs.existsSync(file)) throw new StackFileError(`${file}: no such stack file`);
}

/**
 * Stack files read so far, by path, stack name and text, the oldest dropped past `parsedLimit`.
 * One command reads a file more than once (a comparison reads its file to check the target, then
 * for the plan; a standby's plan reads its primary's file for the pairing check, the render and
 * the StackReference; the fleet reads every file for its catalog, then for accounts), and parsing
 * is what costs: the YAML parser takes 30-70 ms for prod and 0.2 s for a file of 20 times its
 * services (2026-12-06). Keyed by the text itself, not the file's mtime, which Linux updates at a
 * kernel tick's granularity: a file rewritten within one tick with the same size would read stale.
 */
const parsed = new Map<string, StackFile>();
export const parsedLimit = 64;

export function readStackFile(file: string, stack = stackNameOf(file)): StackFile {
  requireStackFile(file);
  const size = fs.statSync(file).size;
  if (size > stackFileLimits.bytes) {
    throw new StackFileError(`${file}: is ${(size / 1024 / 1024).toFixed(1)} MiB; a stack file may be at most ${stackFileLimits.bytes / 1024} KiB`);
  }
  const text = decode(file, fs.readFileSync(file));
  const key = `${file}\0${stack}\0${text}`;
  let stackFile = parsed.get(key);
  if (!stackFile) {
    stackFile = parseStackFile(file, stack, text);
    if (parsed.size >= parsedLimit) parsed.delete(parsed.keys().next().value as string);
    parsed.set(key, stackFile);
  }
  // A copy each time: callers edit the config they get (a test's one changed key).
  return { ...stackFile, config: { ...stackFile.config }, secretKeys: [...stackFile.secretKeys], written: { ...stackFile.written } };
}

function parseStackFile(file: string, stack: string, text: string): StackFile {
  checkShape(file, text);
  const lines = new LineCounter();
  // uniqueKeys off: the parser's own check compares each key with every earlier one; duplicates
  // are found below with a Set instead.
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: false, lineCounter: lines });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const line = first.linePos?.[0].line;
    throw new StackFileError(`${file}${line ? `:${line}` : ""}: malformed YAML: ${first.message.split("\n")[0]}`);
  }
  const duplicate = firstDuplicateKey(document.contents);
  if (duplicate) {
    throw new StackFileError(`${file}:${lines.linePos(duplicate.offset).line}: malformed YAML: the key '${oneLine(duplicate.key)}' is set twice in one mapping`);
  }
  let root: unknown;
  try {
    root = document.toJS({ maxAliasCount: stackFileLimits.aliases });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const alias = firstAlias(document.contents);
    const at = alias ? `:${lines.linePos(alias).line}` : "";
    throw new StackFileError(`${file}${at}: its aliases (*name) expand to too many values (at most ${stackFileLimits.aliases} each); write the values out`);
  }
  if (!root || typeof root !== "object" || Array.isArray(root)) {
    throw new StackFileError(`${file}: must be a mapping with a 'config' key`);
  }
  const unknownTop = Object.keys(root).filter((key) => !["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"].includes(key));
  if (unknownTop.length > 0) {
    throw new StackFileError(`${file}: unknown top-level key '${oneLine(unknownTop[0])}' (allowed: config, secretsprovider, encryptedkey, encryptionsalt, environment)`);
  }
  const config = (root as { config?: unknown }).config;
  if (!config || typeof config !== "object" || Array.isArray(config)) {
    throw new StackFileError(`${file}: 'config' must be a mapping of namespace:key to value`);
  }
  const flat: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (!key.includes(":")) {
      throw new StackFileError(`${file}: config key '${oneLine(key)}' needs a namespace, e.g. platform:${oneLine(key)}`);
    }
    if (isSecure(value)) {
      secretKeys.push(key);
      flat[key] = "[secret]";
      continue;
    }
    flat[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  const configNode = isMap(document.contents) ? document.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === "config")?.value : undefined;
  return { stack, file, config: flat, secretKeys, written: writtenValues(configNode, text) };
}

/**
 * The file's text. YAML stack files are UTF-8 (Pulumi reads them so); a UTF-16 file (Windows
 * editors' "Unicode") would otherwise parse as one garbled scalar.
 */
function decode(file: string, bytes: Buffer): string {
  const utf16Bom = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  // Without a mark, ASCII text in UTF-16 has a zero byte beside every character.
  const zeros = bytes.subarray(0, 64).filter((b) => b === 0).length;
  if (utf16Bom || zeros >= Math.min(8, bytes.length / 4)) {
    throw new StackFileError(`${file}: is UTF-16 encoded; save it as UTF-8`);
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.startsWith("\ufeff") ? text.slice(1) : text;
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, bad).filter((b) => b === 0x0a).length + 1;
    throw new StackFileError(`${file}:${line}: is not valid UTF-8 (byte ${bad}); save it as UTF-8`);
  }
}

function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let end = 1; end <= bytes.length; end++) {
    try {
      decoder.decode(bytes.subarray(0, end), { stream: true });
    } catch {
      return end - 1;
    }
  }
  return bytes.length;
}

/**
 * One pass over the raw text: entries (`key:` and `- item`, block or flow) and nesting (the
 * indentation levels open on a line, the `- ` on it, and flow brackets still open). Quoted
 * text and comments are skipped; the count is an upper bound, which is what a bound needs.
 */
function checkShape(file: string, text: string): void {
  let entries = 0;
  let flow = 0;
  const indents: number[] = [];
  let lineNumber = 0;
  for (const line of text.split("\n")) {
    lineNumber++;
    const content = line.replace(/^\s+/, "");
    if (content === "" || content.startsWith("#")) continue;
    const indent = line.length - content.length;
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    let dashes = 0;
    for (const match of content.matchAll(/^(- +)+/g)) dashes = match[0].split("-").length - 1;
    let quote: string | undefined;
    let maxFlow = flow;
    for (let i = 0; i < content.length; i++) {
      const c = content[i];
      if (quote) {
        if (c === quote) quote = undefined;
        continue;
      }
      if (c === "'" || c === '"') quote = c;
      else if (c === "#" && (i === 0 || content[i - 1] === " ")) break;
      else if (c === "[" || c === "{") maxFlow = Math.max(maxFlow, ++flow);
      else if (c === "]" || c === "}") flow = Math.max(0, flow - 1);
      else if (c === "," || (c === ":" && (i + 1 === content.length || content[i + 1] === " "))) entries++;
    }
    entries += dashes;
    if (indents.length + dashes + maxFlow > stackFileLimits.depth) {
      throw new StackFileError(`${file}:${lineNumber}: nested deeper than ${stackFileLimits.depth} levels; a stack file needs far fewer`);
    }
    if (entries > stackFileLimits.entries) {
      throw new StackFileError(`${file}: has more than ${stackFileLimits.entries} keys and items; a stack file needs far fewer`);
    }
  }
}

/** The first key set twice in one mapping, anywhere in the document. */
function firstDuplicateKey(node: unknown): { key: string; offset: number } | undefined {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : JSON.stringify(pair.key);
      if (seen.has(key)) return { key, offset: (isScalar(pair.key) && pair.key.range?.[0]) || 0 };
      seen.add(key);
      const inner = firstDuplicateKey(pair.value);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const inner = firstDuplicateKey(item);
      if (inner) return inner;
    }
  }
  return undefined;
}

function firstAlias(node: unknown): number | undefined {
  if (isAlias(node)) return node.range?.[0];
  const children = isMap(node) ? node.items.map((pair) => pair.value) : isSeq(node) ? node.items : [];
  for (const child of children) {
    const found = firstAlias(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The text of each scalar of `platform:` and `aws:` keys as the file has it, by config path
 * (`platform:network.vpcCidr`, `platform:storage.buckets[0].name`): messages quote it, since
 * JSON loses what YAML wrote (`.inf` becomes null, `1.30` becomes 1.3, `~` null).
 */
function writtenValues(configNode: unknown, text: string): Record<string, string> {
  const written: Record<string, string> = {};
  const visit = (node: unknown, at: string) => {
    if (isScalar(node) && node.range) written[at] = text.slice(node.range[0], node.range[1]);
    else if (isMap(node)) node.items.forEach((pair) => isScalar(pair.key) && visit(pair.value, `${at}.${String(pair.key.value)}`));
    else if (isSeq(node)) node.items.forEach((item, index) => visit(item, `${at}[${index}]`));
  };
  if (isMap(configNode)) {
    for (const pair of configNode.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (!/^(platform|aws):/.test(key)) continue;
      if (isScalar(pair.value) && pair.value.range) written[key] = text.slice(pair.value.range[0], pair.value.range[1]);
      else if (isMap(pair.value)) pair.value.items.forEach((inner) => isScalar(inner.key) && visit(inner.value, `${key}.${String(inner.key.value)}`));
      else if (isSeq(pair.value)) pair.value.items.forEach((item, index) => visit(item, `${key}[${index}]`));
    }
  }
  return written;
}

/** A key or value quoted in a one-line message: control characters escaped. */
function oneLine(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function isSecure(value: unknown): boolean {
  return Boolean(value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value);
}
