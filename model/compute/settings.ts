import type { ServiceReach } from "../security/reach";
import type { CapacitySettings } from "./capacity-strategy";
import { mebibytes, millicores } from "./eks/quantity";
import type { EksEndpointSettings } from "./eks/endpoint";
import type { DeliverySettings } from "./delivery";

/** Scheduled capacity of a service (Application Auto Scaling cron, 6 fields). */
export interface ScheduledScalingSettings {
  /** Stable key, e.g. `office-hours`. */
  readonly name: string;
  /** Six cron fields, evaluated in `timezone` (seed 003: `0 9 ? * MON-FRI *`). */
  readonly cron: string;
  /** IANA zone the cron is evaluated in. */
  readonly timezone: string;
  /** Fewest tasks from the scheduled time on. */
  readonly minCapacity: number;
  /** Most tasks from the scheduled time on; the service's `max` when absent. */
  readonly maxCapacity?: number;
}

/** How many tasks (or pods) a service runs, and how auto scaling changes the number. */
export interface ServiceScalingSettings {
  /** Fewest tasks auto scaling keeps. */
  readonly min: number;
  /** Tasks at creation; auto scaling owns the count afterwards. */
  readonly desired: number;
  /** Most tasks auto scaling starts. */
  readonly max: number;
  /** Target-tracking CPU % (seeds 001, 003: 70 %). */
  readonly cpuTargetPercent: number;
  /** Target-tracking memory % (seed 001 backend: 80 %); CPU only when absent. */
  readonly memoryTargetPercent?: number;
  /** Seconds after a scale-in before the next (seed 003: 300 s); an HPA's scale-down stabilisation window under EKS. */
  readonly scaleInCooldownSeconds: number;
  /** Seconds after a scale-out before the next (seed 003: 60 s); an HPA's scale-up stabilisation window under EKS. */
  readonly scaleOutCooldownSeconds: number;
  /** Scheduled capacity changes (ECS only). */
  readonly schedules: readonly ScheduledScalingSettings[];
}

export type LoadBalancerKind = "alb" | "nlb" | "none";

/** One container service (`platform:compute.services[]`), run by either compute variant. */
export interface ServiceSettings {
  readonly name: string;
  /** Container port, 1024-65535. */
  readonly port: number;
  /** A key of `storage.repositories` with a tag, or a full image URI. */
  readonly image: { readonly repository: string; readonly tag: string } | { readonly uri: string };
  /** Task or pod CPU in ECS units (1024 = 1 vCPU). */
  readonly cpuUnits: number;
  /** Task or pod memory in MiB. */
  readonly memoryMb: number;
  /** HTTP path the load balancer and the container health check probe. */
  readonly healthCheckPath: string;
  /** Plain environment variables, possibly with `${...}` references to other tiers. */
  readonly environment: Readonly<Record<string, string>>;
  /** Environment variable -> secret reference (`database`, `cache`, an app secret key, `key:jsonKey`). */
  readonly secrets: Readonly<Record<string, string>>;
  readonly scaling: ServiceScalingSettings;
  readonly routing: {
    readonly loadBalancer: LoadBalancerKind;
    /** ALB path patterns. */
    readonly paths: readonly string[];
    /** Receives the ALB's default rule. */
    readonly default: boolean;
  };
  /** Long-lived connections: stickiness and a 3600 s idle timeout. */
  readonly websocket: boolean;
  readonly readOnlyRootFilesystem: boolean;
  /** The service's own role: buckets (keys of `storage.buckets`) and access. */
  readonly permissions: { readonly buckets: readonly { readonly bucket: string; readonly access: "read" | "readwrite" }[] };
  /** What the service's security group may open connections to: data stores and other services. */
  readonly reaches: ServiceReach;
}

/**
 * A container health check the user gives (ECS HealthCheck): the command runs inside the container,
 * so it must be one the image can run. Omitted fields take ECS's defaults.
 */
export interface ContainerHealthCheckSettings {
  /** `["CMD", executable, ...args]` or `["CMD-SHELL", "shell command"]`; exit 0 is healthy. */
  readonly command: readonly string[];
  /** Seconds between checks (ECS: 5-300, default 30). */
  readonly interval?: number;
  /** Seconds one check may take (ECS: 2-60, default 5). */
  readonly timeout?: number;
  /** Consecutive failures before the container is unhealthy (ECS: 1-10, default 3). */
  readonly retries?: number;
  /** Seconds after start during which failures do not count (ECS: 0-300, default off). */
  readonly startPeriod?: number;
}

/** `platform:compute.ecs`: settings only the ECS Fargate variant has. */
export interface EcsSettings extends CapacitySettings {
  readonly containerInsights: "enabled" | "enhanced" | "disabled";
  /** Seconds a new task may fail load-balancer health checks while it starts. */
  readonly healthCheckGracePeriodSeconds: number;
  readonly deployment: { readonly minimumHealthyPercent: number; readonly maximumPercent: number };
  /** Per-service overrides, keyed by service name. */
  readonly services: Readonly<
    Record<
      string,
      {
        readonly spotPercent?: number;
        readonly onDemandBaseTasks?: number;
        readonly containerHealthCheck?: ContainerHealthCheckSettings;
        /** How a new revision takes over and which alarms roll it back; rolling with the circuit breaker when absent. */
        readonly delivery?: DeliverySettings;
      }
    >
  >;
}

/** Spot share and base of one service: its override, else the stack's default. */
export function ecsServiceCapacity(ecs: EcsSettings, service: string): CapacitySettings {
  const override = ecs.services[service];
  return {
    spotPercent: override?.spotPercent ?? ecs.spotPercent,
    onDemandBaseTasks: override?.onDemandBaseTasks ?? ecs.onDemandBaseTasks,
  };
}

export type TaintEffect = "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";

/** A managed node group (`platform:compute.eks.nodeGroups.<key>`). */
export interface EksNodeGroupSettings {
  /** EC2 types of the group's nodes, all of one architecture. */
  readonly instanceTypes: readonly string[];
  /** On-demand nodes, or Spot nodes that AWS may reclaim at two minutes' notice. */
  readonly capacityType: "ON_DEMAND" | "SPOT";
  /** Fewest nodes. */
  readonly minSize: number;
  /** Nodes the group is set to run, between `minSize` and `maxSize`. */
  readonly desiredSize: number;
  /** Most nodes. */
  readonly maxSize: number;
  /** Root volume, gp3. */
  readonly diskSizeGb: number;
  /** Kubernetes labels on every node of the group. */
  readonly labels: Readonly<Record<string, string>>;
  /** Taints on every node of the group: only pods that tolerate them are scheduled there. */
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: TaintEffect }[];
}

/** Kubernetes sizing of one service (quantities as Kubernetes writes them: `500m`, `1Gi`). */
export interface EksWorkloadSettings {
  /** Default: the service's cpuUnits (1024 = 1 core). */
  readonly cpuRequest?: string;
  /** Default: the service's memoryMb. */
  readonly memoryRequest?: string;
  readonly cpuLimit: string;
  readonly memoryLimit: string;
  /** Pin the pods to one node group; any untainted group otherwise. */
  readonly nodeGroup?: string;
}

/** A Slack receiver: its channel, and the Secrets Manager secret that holds its webhook URL. */
export interface SlackChannelSettings {
  readonly channel: string;
  /** Secret name; its value is the webhook URL (never in config). */
  readonly webhookSecret: string;
}

/** Alertmanager's routing to Slack (`platform:compute.eks.monitoring.alerting`). */
export interface EksAlertingSettings {
  readonly slack: {
    readonly channels: Readonly<Record<string, SlackChannelSettings>>;
    /** Channel key for alerts no route matches. */
    readonly defaultChannel: string;
    /** First match wins unless `continue`. */
    readonly routes: readonly { readonly matchers: Readonly<Record<string, string>>; readonly channel: string; readonly continue: boolean }[];
  };
}

/** `platform:compute.eks`: the Kubernetes variant. */
export interface EksSettings {
  /** Kubernetes minor version, e.g. `1.34`. */
  readonly version: string;
  /** STANDARD: EKS upgrades the cluster when standard support ends. EXTENDED: stay longer at 6x the control-plane price. */
  readonly supportType: "STANDARD" | "EXTENDED";
  /** Who reaches the API from the internet: the deployer (CI runners) and, where data is disposable, people. */
  readonly endpoint: EksEndpointSettings;
  /** IAM roles granted cluster-admin through EKS access entries. */
  readonly adminRoleArns: readonly string[];
  readonly nodeGroups: Readonly<Record<string, EksNodeGroupSettings>>;
  /** Versions of the EKS-managed add-ons. */
  readonly addons: { readonly vpcCni: string; readonly coreDns: string; readonly kubeProxy: string; readonly ebsCsiDriver: string };
  /** Node autoscaling within each group's minSize-maxSize (Cluster Autoscaler). */
  readonly autoscaler: {
    readonly enabled: boolean;
    /** Minutes a node must be underused before it is removed. */
    readonly scaleDownUnneededMinutes: number;
  };
  /** Seed 004's monitoring stack in the cluster. */
  readonly monitoring: {
    readonly enabled: boolean;
    /** Days Prometheus keeps samples (seed 004: 30). */
    readonly prometheusRetentionDays: number;
    /** Prometheus's volume in GiB (seed 004: 100). */
    readonly prometheusStorageGi: number;
    /** Alertmanager's Slack receivers and routes; no alert routing when absent. */
    readonly alerting?: EksAlertingSettings;
    /** Grafana dashboard JSON files, paths from the repository root. */
    readonly dashboards: readonly string[];
  };
  /** Kubernetes sizing per service, by service name. */
  readonly services: Readonly<Record<string, EksWorkloadSettings>>;
}

/** `platform:compute` run by ECS Fargate. */
export interface EcsComputeSettings {
  readonly engine: "ecs";
  readonly services: readonly ServiceSettings[];
  /** The stack's ECS settings, defaults filled in when the stack file has none. */
  readonly ecs: EcsSettings;
}

/** `platform:compute` run by EKS. */
export interface EksComputeSettings {
  readonly engine: "eks";
  readonly services: readonly ServiceSettings[];
  readonly eks: EksSettings;
}

/** Which compute variant runs the services; nothing else in the program changes with it. */
export type ComputeSettings = EcsComputeSettings | EksComputeSettings;

/** Requests in millicores and MiB: the workload's own, or the shared task size (1024 CPU units = 1 core). */
export function workloadRequests(
  workload: EksWorkloadSettings,
  size: { readonly cpuUnits: number; readonly memoryMb: number },
): { millicores: number; mebibytes: number } {
  return {
    millicores: workload.cpuRequest !== undefined ? millicores(workload.cpuRequest) : Math.ceil((size.cpuUnits * 1000) / 1024),
    mebibytes: workload.memoryRequest !== undefined ? mebibytes(workload.memoryRequest) : size.memoryMb,
  };
}
