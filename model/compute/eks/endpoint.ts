/**
 * Who reaches the Kubernetes API endpoint of an EKS cluster, and why it can never be private-only
 * here: the program creates Helm releases, namespaces and Deployments through a Kubernetes provider
 * built from the cluster's kubeconfig, so every `pulumi up` talks to the API from wherever it runs.
 * A private endpoint answers only inside the cluster's VPC, and that VPC is created by the same
 * stack: on the first deploy nothing running `pulumi up` can be inside it. The supported path is a
 * public endpoint open only to the deployer's egress addresses (the CI runners), with the private
 * endpoint on for the nodes and pods.
 *
 * Pure data and logic: no Pulumi imports, so the config schema can use it.
 */
import * as ipaddr from "ipaddr.js";

export interface EksEndpointSettings {
  /** Where `pulumi up` runs: the CI runners' egress addresses (NAT or static IPs). */
  readonly deployerCidrs: readonly string[];
  /** People who run kubectl from outside the VPC (office, VPN); disposable environments only. */
  readonly publicAccessCidrs: readonly string[];
}

/**
 * "Public endpoint access CIDR ranges per cluster: 40", not adjustable (Amazon EKS service quotas,
 * https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html).
 */
export const maxPublicAccessCidrs = 40;

/** Where data is protected, a deployer range is at most this wide (our choice: a runner fleet's NAT addresses fit in it). */
export const protectedDeployerMinPrefix = 24;

/** The ranges the public endpoint admits: the deployers first, then the people, each once. */
export function publicEndpointCidrs(endpoint: EksEndpointSettings): string[] {
  return [...new Set([...endpoint.deployerCidrs, ...endpoint.publicAccessCidrs])];
}

/** What a special-purpose range is, in words, by ipaddr.js's range name. */
const specialRanges: Readonly<Record<string, string>> = {
  unspecified: "the unspecified (0.0.0.0/8) range",
  broadcast: "the broadcast address",
  multicast: "a multicast range",
  linkLocal: "a link-local range",
  loopback: "a loopback range",
  carrierGradeNat: "a shared (carrier-grade NAT) range",
  private: "a private-use range",
};

/**
 * Why a CIDR cannot admit anyone to a public endpoint, or undefined. EKS: "The block cannot include
 * reserved addresses" (https://docs.aws.amazon.com/eks/latest/userguide/config-cluster-endpoint.html);
 * a request from inside the VPC reaches the private endpoint anyway. The RFC 5737 documentation
 * ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) are left to the examples that use them.
 */
export function nonInternetCidrProblem(cidr: string): string | undefined {
  if (!ipaddr.IPv4.isValidCIDR(cidr)) return undefined; // the schema reports the format
  const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
  if (prefix === 0) return undefined; // 0.0.0.0/0 is reported as open to the internet
  const kind = specialRanges[address.range()];
  if (!kind) return undefined;
  return `is ${kind}, not an internet address: requests from inside the VPC reach the private endpoint, and EKS refuses reserved addresses in publicAccessCidrs`;
}

/**
 * Why a CIDR is not written as its network address (`203.0.113.5/24` for `203.0.113.0/24`), or
 * undefined: the provider validates `vpc_config.public_access_cidrs` with ValidCIDRNetworkAddress
 * (hashicorp/terraform-provider-aws, internal/service/eks/cluster.go) and refuses the plan.
 */
export function networkAddressProblem(cidr: string): string | undefined {
  if (!ipaddr.IPv4.isValidCIDR(cidr)) return undefined;
  const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
  const network = ipaddr.IPv4.networkAddressFromCIDR(cidr).toString();
  if (network === address.toString()) return undefined;
  return `is not a network address (its host bits are set; the network is ${network}/${prefix}), which the AWS provider refuses`;
}

/** The prefix length of an IPv4 CIDR, or undefined when it is malformed. */
export function prefixLength(cidr: string): number | undefined {
  return ipaddr.IPv4.isValidCIDR(cidr) ? ipaddr.IPv4.parseCIDR(cidr)[1] : undefined;
}
