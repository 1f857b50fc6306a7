import * as ipaddr from "ipaddr.js";

/** A parsed IPv4 range: first address as an unsigned 32-bit integer and its prefix length. */
export interface Ipv4Range {
  readonly base: number;
  readonly prefix: number;
}

export type SubnetTier = "public" | "app" | "data";

export interface SubnetPlan {
  readonly public: readonly string[];
  readonly app: readonly string[];
  readonly data: readonly string[];
}

/**
 * Offsets of each tier's first subnet, counted in subnets of the plan's size. They reproduce
 * the seeds' layout (10.0.1-2, 10.0.11-12, 10.0.21-22 in a /16) and leave room for a third AZ.
 */
export const tierOffsets: Readonly<Record<SubnetTier, number>> = { public: 1, app: 11, data: 21 };

/** Parses `a.b.c.d/n`; throws with the text when it is not a network address with a valid prefix. */
export function parseCidr(text: string): Ipv4Range {
  if (!ipaddr.IPv4.isValidCIDR(text)) {
    throw new Error(`"${text}" is not an IPv4 CIDR`);
  }
  const [address, prefix] = ipaddr.IPv4.parseCIDR(text);
  const base = toUint(address.toByteArray());
  if (base !== networkAddress(base, prefix)) {
    throw new Error(`"${text}" has host bits set; the network address is ${formatCidr({ base: networkAddress(base, prefix), prefix })}`);
  }
  return { base, prefix };
}

export function formatCidr(range: Ipv4Range): string {
  const bytes = [24, 16, 8, 0].map((shift) => (range.base >>> shift) & 0xff);
  return `${ipaddr.fromByteArray(bytes).toString()}/${range.prefix}`;
}

export function rangeSize(range: Ipv4Range): number {
  return 2 ** (32 - range.prefix);
}

export function contains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return inner.prefix >= outer.prefix && networkAddress(inner.base, outer.prefix) === outer.base;
}

export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  return contains(a, b) || contains(b, a);
}

/** The `index`-th subnet of size `/prefix` inside `vpc`; throws when it would fall outside. */
export function nthSubnet(vpc: Ipv4Range, prefix: number, index: number): Ipv4Range {
  if (prefix < vpc.prefix) {
    throw new Error(`a /${prefix} subnet cannot fit in a /${vpc.prefix} VPC`);
  }
  const count = 2 ** (prefix - vpc.prefix);
  if (index < 0 || index >= count) {
    throw new Error(`subnet ${index} of size /${prefix} is outside ${formatCidr(vpc)} (it holds ${count})`);
  }
  return { base: vpc.base + index * 2 ** (32 - prefix), prefix };
}

/**
 * Plans public, app and data subnets for `azCount` zones. The subnet size is the VPC's prefix
 * plus 8 (a /24 in a /16), capped at /28; a VPC too small for the offsets is rejected.
 */
export function planSubnets(vpcCidr: string, azCount: number): SubnetPlan {
  const vpc = parseCidr(vpcCidr);
  const prefix = Math.min(vpc.prefix + 8, 28);
  const lastIndex = tierOffsets.data + azCount - 1;
  if (lastIndex >= 2 ** (prefix - vpc.prefix)) {
    throw new Error(`${vpcCidr} is too small for ${azCount} zones of /${prefix} subnets at offsets 1, 11 and 21`);
  }
  const tier = (offset: number) =>
    Array.from({ length: azCount }, (_, az) => formatCidr(nthSubnet(vpc, prefix, offset + az)));
  return { public: tier(tierOffsets.public), app: tier(tierOffsets.app), data: tier(tierOffsets.data) };
}

/** Problems with an explicit layout: each message names the tier and position. Empty when valid. */
export function checkSubnetLayout(vpcCidr: string, plan: SubnetPlan, azCount: number): string[] {
  const problems: string[] = [];
  let vpc: Ipv4Range;
  try {
    vpc = parseCidr(vpcCidr);
  } catch (error) {
    return [(error as Error).message];
  }
  const seen: { label: string; range: Ipv4Range }[] = [];
  for (const tier of ["public", "app", "data"] as const) {
    const cidrs = plan[tier];
    if (cidrs.length !== azCount) {
      problems.push(`${tier}: has ${cidrs.length} subnets but there are ${azCount} availability zones (one per zone)`);
    }
    cidrs.forEach((text, index) => {
      const label = `${tier}[${index}]`;
      let range: Ipv4Range;
      try {
        range = parseCidr(text);
      } catch (error) {
        problems.push(`${label}: ${(error as Error).message}`);
        return;
      }
      if (!contains(vpc, range)) {
        problems.push(`${label}: "${text}" is outside the VPC ${vpcCidr}`);
      }
      if (range.prefix > 28) {
        problems.push(`${label}: "${text}" is smaller than /28, the smallest subnet AWS allows`);
      }
      const clash = seen.find((other) => overlaps(other.range, range));
      if (clash) {
        problems.push(`${label}: "${text}" overlaps ${clash.label}`);
      }
      seen.push({ label, range });
    });
  }
  return problems;
}

function toUint(bytes: number[]): number {
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}

function networkAddress(base: number, prefix: number): number {
  if (prefix === 0) return 0;
  const mask = (0xffffffff << (32 - prefix)) >>> 0;
  return (base & mask) >>> 0;
}
