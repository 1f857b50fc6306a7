import { createHash } from "crypto";

/** Deterministic hex from a seed, so two renders of the same stack give identical ids. */
export function hex(seed: string, length: number): string {
  let out = "";
  for (let round = 0; out.length < length; round++) {
    out += createHash("sha256").update(`${round}:${seed}`).digest("hex");
  }
  return out.slice(0, length);
}

export function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Pulumi's auto-name: the logical name plus a 7-character suffix. */
export function autoName(logicalName: string, seed: string): string {
  return `${logicalName}-${hex(seed, 7)}`;
}
