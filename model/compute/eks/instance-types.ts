/**
 * What a node of a given instance type can give to pods, so that config validation can refuse a
 * service whose requests no node could ever schedule (the pods would sit in Pending forever).
 *
 * allocatable = capacity - kube-reserved - eviction threshold, as the EKS AMIs (nodeadm)
 * configure the kubelet:
 *   CPU reserved:    6% of the first core, 1% of the second, 0.5% of cores 3-4, 0.25% above
 *   memory reserved: 255 MiB + 11 MiB per pod the node may hold (maxPods, from its ENI limits)
 *   eviction-hard:   memory.available < 100 MiB
 * The kernel and firmware keep part of the nominal memory before the kubelet sees it; nodes report
 * a capacity about 5% below the EC2 figure, which `kernelShare` accounts for.
 *
 * Pure data and logic: no Pulumi imports.
 */

export type Architecture = "x86_64" | "arm64";

export interface InstanceType {
  readonly vcpu: number;
  /** Nominal memory (EC2's figure). */
  readonly memoryMib: number;
  /** Pods per node with the VPC CNI: ENIs x (IPv4 per ENI - 1) + 2. */
  readonly maxPods: number;
  readonly architecture: Architecture;
}

/**
 * General-purpose and compute/memory-optimised types the platform sizes for; extend as needed.
 * vCPU and memory: AWS's EC2 instance type specifications (docs.aws.amazon.com/ec2/latest/instancetypes,
 * general purpose, compute and memory optimized tables). maxPods: awslabs/amazon-eks-ami
 * eni-max-pods.txt (ENIs x (IPv4 addresses per ENI - 1) + 2), e.g. t3.medium 17.
 */
export const instanceTypes: Readonly<Record<string, InstanceType>> = {
  "t3.small": { vcpu: 2, memoryMib: 2048, maxPods: 11, architecture: "x86_64" },
  "t3.medium": { vcpu: 2, memoryMib: 4096, maxPods: 17, architecture: "x86_64" },
  "t3.large": { vcpu: 2, memoryMib: 8192, maxPods: 35, architecture: "x86_64" },
  "t3.xlarge": { vcpu: 4, memoryMib: 16384, maxPods: 58, architecture: "x86_64" },
  "t3.2xlarge": { vcpu: 8, memoryMib: 32768, maxPods: 58, architecture: "x86_64" },
  "t3a.medium": { vcpu: 2, memoryMib: 4096, maxPods: 17, architecture: "x86_64" },
  "t3a.large": { vcpu: 2, memoryMib: 8192, maxPods: 35, architecture: "x86_64" },
  "t3a.xlarge": { vcpu: 4, memoryMib: 16384, maxPods: 58, architecture: "x86_64" },
  "t4g.medium": { vcpu: 2, memoryMib: 4096, maxPods: 17, architecture: "arm64" },
  "t4g.large": { vcpu: 2, memoryMib: 8192, maxPods: 35, architecture: "arm64" },
  "m5.large": { vcpu: 2, memoryMib: 8192, maxPods: 29, architecture: "x86_64" },
  "m5.xlarge": { vcpu: 4, memoryMib: 16384, maxPods: 58, architecture: "x86_64" },
  "m5.2xlarge": { vcpu: 8, memoryMib: 32768, maxPods: 58, architecture: "x86_64" },
  "m6i.large": { vcpu: 2, memoryMib: 8192, maxPods: 29, architecture: "x86_64" },
  "m6i.xlarge": { vcpu: 4, memoryMib: 16384, maxPods: 58, architecture: "x86_64" },
  "m6i.2xlarge": { vcpu: 8, memoryMib: 32768, maxPods: 58, architecture: "x86_64" },
  "m7i.large": { vcpu: 2, memoryMib: 8192, maxPods: 29, architecture: "x86_64" },
  "m7i.xlarge": { vcpu: 4, memoryMib: 16384, maxPods: 58, architecture: "x86_64" },
  "m6g.large": { vcpu: 2, memoryMib: 8192, maxPods: 29, architecture: "arm64" },
  "m7g.large": { vcpu: 2, memoryMib: 8192, maxPods: 29, architecture: "arm64" },
  "m7g.xlarge": { vcpu: 4, memoryMib: 16384, maxPods: 58, architecture: "arm64" },
  "c6i.large": { vcpu: 2, memoryMib: 4096, maxPods: 29, architecture: "x86_64" },
  "c6i.xlarge": { vcpu: 4, memoryMib: 8192, maxPods: 58, architecture: "x86_64" },
  "c7i.large": { vcpu: 2, memoryMib: 4096, maxPods: 29, architecture: "x86_64" },
  "r6i.large": { vcpu: 2, memoryMib: 16384, maxPods: 29, architecture: "x86_64" },
  "r6i.xlarge": { vcpu: 4, memoryMib: 32768, maxPods: 58, architecture: "x86_64" },
};

const kernelShare = 0.05;
const evictionHardMib = 100;

export interface Resources {
  readonly millicores: number;
  readonly mebibytes: number;
}

/** CPU and memory the kubelet offers to pods on one node of this type. */
export function allocatable(type: InstanceType): Resources {
  const coreMillis = [60, 10, 5, 5];
  let reservedMillis = 0;
  for (let core = 0; core < type.vcpu; core++) {
    reservedMillis += core < coreMillis.length ? coreMillis[core] : 2.5;
  }
  const kubeReservedMib = 255 + 11 * type.maxPods;
  return {
    millicores: Math.floor(type.vcpu * 1000 - reservedMillis),
    mebibytes: Math.floor(type.memoryMib * (1 - kernelShare) - kubeReservedMib - evictionHardMib),
  };
}

/**
 * DaemonSets that run on every node and what they request, as the EKS add-ons and the charts this
 * platform installs set them. A service pod gets what is left.
 */
export const baseDaemonSets: Readonly<Record<string, Resources>> = {
  "aws-node (vpc-cni)": { millicores: 25, mebibytes: 0 },
  "kube-proxy": { millicores: 100, mebibytes: 0 },
  // node plugin, node-driver-registrar and liveness-probe: 10m / 40Mi each.
  "ebs-csi-node": { millicores: 30, mebibytes: 120 },
};

/** Seed 004's requests for the monitoring DaemonSets (Node Exporter, Fluent Bit). */
export const monitoringDaemonSets: Readonly<Record<string, Resources>> = {
  "node-exporter": { millicores: 100, mebibytes: 128 },
  "fluent-bit": { millicores: 100, mebibytes: 128 },
};

/** What a service pod can request on a node of this type once the DaemonSets are placed. */
export function schedulable(type: InstanceType, monitoring: boolean): Resources {
  const sets = [...Object.values(baseDaemonSets), ...(monitoring ? Object.values(monitoringDaemonSets) : [])];
  const total = allocatable(type);
  return {
    millicores: total.millicores - sets.reduce((n, d) => n + d.millicores, 0),
    mebibytes: total.mebibytes - sets.reduce((n, d) => n + d.mebibytes, 0),
  };
}
