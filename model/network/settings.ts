/** How the private-app subnets reach the internet. */
export const natStrategies = ["perAz", "single", "instance", "none"] as const;
/** perAz: a NAT gateway per AZ; single: one; instance: a NAT instance; none: no route out. */
export type NatStrategy = (typeof natStrategies)[number];

/** `platform:network`. */
export interface NetworkSettings {
  /** VPC address range, /16 to /24. */
  readonly vpcCidr: string;
  /** Zone names, 2 or 3, in the stack's region. */
  readonly availabilityZones: readonly string[];
  /** Subnet CIDRs per tier, one per zone in zone order; planned from `vpcCidr` when absent. */
  readonly subnets?: { readonly public: readonly string[]; readonly app: readonly string[]; readonly data: readonly string[] };
  readonly nat: NatStrategy;
  /** Instance type of the NAT instance (nat `instance`). */
  readonly natInstanceType: string;
  /** Interface endpoints; the S3 gateway endpoint is always created. */
  readonly endpoints: { readonly ecr: boolean; readonly logs: boolean; readonly secretsManager: boolean };
  readonly flowLogs: { readonly enabled: boolean; readonly trafficType: "ALL" | "REJECT" | "ACCEPT" };
}
