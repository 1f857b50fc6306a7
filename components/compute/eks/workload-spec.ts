import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { EksNodeGroupSettings, ServiceScalingSettings, ServiceSettings } from "../../../model/compute/settings";
import type { StackContext } from "../../shared/context";
import type { OidcProvider } from "./irsa";

/** One service as the EKS variant runs it: components/platform/compute-eks.ts maps settings onto it. */
export interface WorkloadSpec {
  /** Deployment, Service, ServiceAccount and HPA name, unique in the namespace. */
  readonly name: string;
  /** Image reference: `<repositoryUrl>:<tag>` of the stack's ECR, or a configured URI. */
  readonly image: pulumi.Input<string>;
  /** Container port; the Service and the Ingress route to it. */
  readonly port: number;
  /** HTTP path of the readiness and liveness probes and of the ALB's target health check. */
  readonly healthCheckPath: string;
  /** Plain variables; values may be Outputs (`${database.host}` resolved by the platform). */
  readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
  /** Environment variable -> Secrets Manager secret and optional JSON key. */
  readonly secrets: Readonly<
    Record<
      string,
      {
        /** The secret's ARN (the data tier's or an application secret's). */
        readonly secretArn: pulumi.Input<string>;
        /** One key of the secret's JSON; the whole value when omitted. */
        readonly jsonKey?: string;
      }
    >
  >;
  /**
   * Kubernetes quantities (`500m`, `1Gi`), already validated: the requests are the workload's own
   * or the service's cpuUnits and memoryMb converted; the limits are the workload's.
   */
  readonly resources: {
    /** CPU the scheduler reserves, e.g. `250m`. */
    readonly cpuRequest: string;
    /** CPU the container is throttled at. */
    readonly cpuLimit: string;
    /** Memory the scheduler reserves, e.g. `512Mi`. */
    readonly memoryRequest: string;
    /** Memory the container is killed at. */
    readonly memoryLimit: string;
  };
  /** The HorizontalPodAutoscaler's bounds and targets; the cooldowns become its stabilisation windows. */
  readonly scaling: Pick<ServiceScalingSettings, "min" | "max" | "cpuTargetPercent" | "memoryTargetPercent" | "scaleInCooldownSeconds" | "scaleOutCooldownSeconds">;
  /** Whether the Ingress's ALB routes to it, on which paths, and whether it takes the default `/*`. */
  readonly routing: {
    /** Behind the Ingress's ALB. */
    readonly alb: boolean;
    /** ALB path patterns. */
    readonly paths: readonly string[];
    /** Receives the ALB's `/*`, after every other path. */
    readonly default: boolean;
  };
  /** Long-lived connections: cookie stickiness on its target group. */
  readonly websocket: boolean;
  /** A read-only root filesystem, with an emptyDir at /tmp. */
  readonly readOnlyRootFilesystem: boolean;
  /** Buckets the pods' IRSA role may use, by ARN. */
  readonly buckets: readonly {
    /** The bucket's ARN (the storage tier's). */
    readonly arn: pulumi.Input<string>;
    /** `read` objects, or `readwrite` (get, put and delete). */
    readonly access: ServiceSettings["permissions"]["buckets"][number]["access"];
  }[];
  /** Pin to a node group and tolerate its taints; any untainted group when omitted. */
  readonly nodeGroup?: {
    /** The group's config key (the value of the node-group label). */
    readonly key: string;
    /** The group's taints, tolerated by the pods. */
    readonly taints: EksNodeGroupSettings["taints"];
  };
}

export interface WorkloadsSpec {
  /** The region of the SecretStores; the prefix names the IRSA roles' descriptions. */
  readonly context: StackContext;
  /** One namespace per environment (seed 004: openmarket-dev). */
  readonly namespace: string;
  /** The cluster's OIDC provider, trusted by the services' IRSA roles. */
  readonly oidc: OidcProvider;
  /** The cluster's Kubernetes provider. */
  readonly provider: k8s.Provider;
  /** Storage key (bucket objects) and the keys of injected secrets, which service roles use through S3 / Secrets Manager. */
  readonly keys: {
    /** The storage key. */
    readonly storage: pulumi.Input<string>;
    /** The keys that encrypt the injected secrets (the data key). */
    readonly secrets: readonly pulumi.Input<string>[];
  };
  /** One workload per entry. */
  readonly services: readonly WorkloadSpec[];
  /** The load balancer controller's pod webhook and the External Secrets CRDs must exist first. */
  readonly dependsOn: readonly pulumi.Resource[];
}

export interface Workload {
  readonly serviceAccount: k8s.core.v1.ServiceAccount;
  readonly deployment: k8s.apps.v1.Deployment;
  readonly service: k8s.core.v1.Service;
}
