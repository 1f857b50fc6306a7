import { createHash } from "crypto";

/** First `length` hex digits of the SHA-256 of `seed`: a short, stable disambiguator. */
export function shortHash(seed: string, length = 6): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/**
 * A physical name within an AWS length limit (load balancers and target groups: 32). Names that
 * fit are kept; longer ones are cut and suffixed with a hash of the full name, so two long names
 * that share a prefix stay distinct.
 */
export function boundedName(base: string, maxLength: number): string {
  if (base.length <= maxLength) return base;
  const suffix = shortHash(base);
  return `${base.slice(0, maxLength - suffix.length - 1).replace(/-+$/, "")}-${suffix}`;
}

/**
 * A target group's name. Target groups are replaced when their port, protocol or target type
 * changes, and a replacement is created before the old one is deleted: the hash of those
 * properties in the name keeps the two from colliding.
 */
export function targetGroupName(prefix: string, service: string, replaceKey: string): string {
  const suffix = shortHash(`${replaceKey}`, 5);
  const base = `${prefix}-${service}`;
  const room = 32 - suffix.length - 1;
  return `${base.length <= room ? base : `${base.slice(0, room - 4).replace(/-+$/, "")}-${shortHash(base, 3)}`}-${suffix}`;
}

/** `/socket.io/*` -> `socket-io`: the readable part of a path rule's logical name. */
export function pathSlug(pathPattern: string): string {
  const slug = pathPattern
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "root" : slug.slice(0, 40).replace(/-+$/, "");
}
