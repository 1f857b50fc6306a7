/**
 * Values that look like credentials, told by their shape alone: a secret typed into plain config
 * is a secret in the stack file, in Pulumi state, in `plan.json` and in every log that prints
 * the config, whatever the key is called.
 *
 * The shapes are those of gitleaks' rule set (cmd/generate/config/rules: anthropic.go, aws.go,
 * github.go, slack.go, jwt.go, the private-key rules) and secretlint's recommended preset
 * (@secretlint/secretlint-rule-preset-recommend). Neither library is used as such: secretlint's
 * engine is ESM-only and asynchronous (`lintSource` returns a Promise), while the config is
 * validated synchronously inside the Pulumi program and the plan; gitleaks is a Go binary. The
 * rules we need are a dozen regular expressions, kept here with their source.
 *
 * Pure: no Pulumi, no I/O.
 */

interface SecretShape {
  readonly kind: string;
  readonly pattern: RegExp;
}

const shapes: readonly SecretShape[] = [
  // gitleaks anthropic.go: sk-ant-api03-, sk-ant-admin01-, sk-ant-oat01-, sk-ant-ort01- prefixes.
  { kind: "an Anthropic API key", pattern: /sk-ant-[a-z]{2,6}\d{2}-[A-Za-z0-9_-]{20,}/ },
  // OpenAI: sk-proj-, sk-svcacct-, sk-admin- and the legacy sk-<48> (secretlint-rule-openai).
  { kind: "an OpenAI API key", pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}/ },
  // gitleaks aws.go: access key ids (AKIA long-term, ASIA temporary, ABIA, ACCA) are 20 upper-case characters.
  { kind: "an AWS access key ID", pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/ },
  // gitleaks github.go: ghp_ (personal), gho_ (OAuth), ghu_/ghs_ (app), ghr_ (refresh), github_pat_.
  { kind: "a GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\b/ },
  // gitleaks slack.go: xoxb- (bot), xoxp- (user), xoxa-/xoxr- (app, refresh), xoxe- (config), xoxs-.
  { kind: "a Slack token", pattern: /\bxox[abeoprs]-[A-Za-z0-9-]{10,}/ },
  // gitleaks slack.go (slack-webhook-url): an incoming webhook's URL is its credential.
  { kind: "a Slack webhook URL", pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56}/ },
  // The PEM armour of every private key format (RSA, EC, DSA, OPENSSH, PKCS#8, encrypted).
  { kind: "a private key", pattern: /-----BEGIN[A-Z ]*PRIVATE KEY( BLOCK)?-----/ },
  // gitleaks jwt.go: three base64url parts, the first two JSON objects ("eyJ" is `{"` encoded).
  { kind: "a JSON Web Token", pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
];

/**
 * A value is high-entropy when it is one token (no spaces, dots, colons or `@`: ARNs, URLs,
 * hostnames and image references have them) of at least 20 base64 characters mixing upper case,
 * lower case and digits, whose Shannon entropy is at least 85 % of the most its length allows
 * (log2 of the length): random characters come close to that bound, words repeat letters. AWS's
 * documented example secret access key has 4.66 bits per character of 5.32 possible (88 %);
 * `ELBSecurityPolicy-TLS13-1-2-2021-06`, a blueprint's TLS policy, 4.18 of 5.13 (82 %). A git SHA
 * used as an image tag is lower-case hex: no upper case, not flagged. Words joined in camel case
 * can reach the entropy bound (`MyApplicationName2024Production`, 86 %), but change character
 * class (upper, lower, digit, symbol) at few of their characters (23 %); random characters at
 * about half (the AWS example: 42 %). Both bounds must be met.
 */
const entropy = { minLength: 20, ofMaximum: 0.85, classChanges: 0.3 } as const;

/** What the value looks like (`an AWS access key ID`), or undefined when it looks like plain config. */
export function secretShape(value: string): string | undefined {
  if (anyShape.test(value)) {
    for (const shape of shapes) {
      if (shape.pattern.test(value)) return shape.kind;
    }
  }
  return isHighEntropy(value) ? "a high-entropy string (a generated key or password)" : undefined;
}

/**
 * Matches where any one of `shapes` matches: an alternation matches at a position when one of its
 * branches does, so this is true exactly when one of the shapes' `test` is. A plan's strings are
 * almost all plain (ARNs, names, policy documents), and one scan of each instead of eight is most
 * of what redacting a plan costs; the shapes are tried one by one only to name the kind.
 */
const anyShape = new RegExp(shapes.map((shape) => `(?:${shape.pattern.source})`).join("|"));

function isHighEntropy(value: string): boolean {
  if (value.length < entropy.minLength || !/^[A-Za-z0-9+/=_-]+$/.test(value)) return false;
  if (!/[A-Z]/.test(value) || !/[a-z]/.test(value) || !/[0-9]/.test(value)) return false;
  return shannonBits(value) >= entropy.ofMaximum * Math.log2(Math.min(value.length, 64)) && classChanges(value) >= entropy.classChanges;
}

/** The share of characters whose class (upper, lower, digit, symbol) differs from the one before. */
function classChanges(text: string): number {
  const classOf = (c: string) => (/[A-Z]/.test(c) ? 0 : /[a-z]/.test(c) ? 1 : /[0-9]/.test(c) ? 2 : 3);
  let changes = 0;
  for (let i = 1; i < text.length; i++) if (classOf(text[i]) !== classOf(text[i - 1])) changes++;
  return changes / (text.length - 1);
}

function shannonBits(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * `value` with every secret-shaped string in it replaced by `[redacted: <kind>]`, recursively. A
 * list or object with nothing to redact inside is returned as it is, not copied: a plan's are
 * almost all clean, and the copies were what redacting a plan cost once the shapes were one scan.
 */
export function redactSecretShapes(value: unknown): unknown {
  if (typeof value === "string") {
    const kind = secretShape(value);
    return kind ? `[redacted: ${kind}]` : value;
  }
  if (Array.isArray(value)) {
    const items = value.map(redactSecretShapes);
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    const redacted = entries.map(([key, item]) => [key, redactSecretShapes(item)] as const);
    return redacted.every(([, item], index) => item === entries[index][1]) ? value : Object.fromEntries(redacted);
  }
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecretShapes(v)]));
  return value;
}

/** An object literal or parsed JSON; anything else (a Date, a class) is still copied into one, as it always was. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
