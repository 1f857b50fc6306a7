/**
 * Kubernetes resource quantities (`250m`, `1`, `512Mi`, `2Gi`, `1e3`), parsed with the grammar of
 * apimachinery's `resource.Quantity`:
 *
 *   <quantity> ::= <signedNumber><suffix>
 *   <suffix>   ::= Ki | Mi | Gi | Ti | Pi | Ei | n | u | m | "" | k | M | G | T | P | E | (e|E)<signedInteger>
 *
 * The API server rejects anything else ("quantities must match the regular expression ..."), and
 * rejects negative requests and limits and a request above its limit. Pure logic, no Pulumi.
 */

const pattern = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimal: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export type ResourceKind = "cpu" | "memory";

export interface ParsedQuantity {
  /** The value in base units: cores for CPU, bytes for memory. */
  readonly value: number;
  readonly suffix: string;
}

/** Parses a quantity; throws with the reason Kubernetes (or this platform) would give. */
export function parseQuantity(text: string, kind: ResourceKind): ParsedQuantity {
  const match = pattern.exec(text);
  if (!match) {
    throw new Error(
      kind === "cpu"
        ? "is not a Kubernetes CPU quantity (cores such as 1 or 0.5, or millicores such as 250m)"
        : "is not a Kubernetes memory quantity (bytes with a suffix such as 512Mi or 2Gi)",
    );
  }
  const [, sign, digits, suffix = ""] = match;
  const multiplier = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : (binary[suffix] ?? decimal[suffix]);
  const value = Number(digits) * multiplier * (sign === "-" ? -1 : 1);
  if (value < 0) throw new Error("must not be negative");
  if (value === 0) throw new Error("must be greater than zero");
  if (kind === "memory" && suffix === "m") {
    // Valid syntax, but `512m` is 0.512 bytes: always a typo for Mi.
    throw new Error("uses the milli suffix m (thousandths of a byte); write Mi for mebibytes");
  }
  if (kind === "cpu" && value < 1e-3) throw new Error("is below 1m, the smallest CPU amount Kubernetes schedules");
  return { value, suffix };
}

/** CPU quantity in whole millicores (Kubernetes rounds CPU up to 1m). */
export function millicores(text: string): number {
  return Math.ceil(parseQuantity(text, "cpu").value * 1000 - 1e-9);
}

/** Memory quantity in MiB (fractional). */
export function mebibytes(text: string): number {
  return parseQuantity(text, "memory").value / 2 ** 20;
}

export function formatMillicores(m: number): string {
  return `${m}m`;
}

export function formatMebibytes(mib: number): string {
  return `${Math.floor(mib)}Mi`;
}
