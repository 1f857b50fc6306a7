import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { StackContext } from "../../shared/context";
import { Statement } from "../../shared/iam";
import { irsaRole, OidcProvider } from "./irsa";
import type { EksNodeGroupSettings, ServiceScalingSettings, ServiceSettings, TaintEffect } from "../../../model/compute/settings";
import { nodeGroupLabel } from "./node-groups";

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

/** UID of the `node` user of the official Node.js images the seeds' services are built on. */
const runAsUser = 1000;

/**
 * One namespace for the environment and, per service: a ServiceAccount (with an IRSA role when the
 * service has AWS permissions), a non-root Deployment with requests and limits, a ClusterIP
 * Service, a HorizontalPodAutoscaler, a PodDisruptionBudget and, when it has secrets, a SecretStore
 * and ExternalSecret that copy them from Secrets Manager using the service's own role.
 */
export function createWorkloads(name: string, spec: WorkloadsSpec, parent: pulumi.Resource): { namespace: k8s.core.v1.Namespace; workloads: Record<string, Workload> } {
  const opts = { parent, provider: spec.provider };
  const namespace = new k8s.core.v1.Namespace(
    `${name}-namespace`,
    {
      metadata: {
        name: spec.namespace,
        labels: {
          // Pod Security Standards: the restricted profile, which the Deployments below satisfy.
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/warn": "restricted",
          // Pods join the ALB target group before old ones leave (rolling updates without 502s).
          "elbv2.k8s.aws/pod-readiness-gate-inject": "enabled",
        },
      },
    },
    { ...opts, dependsOn: [...spec.dependsOn] },
  );
  const ns = namespace.metadata.name;
  const workloads: Record<string, Workload> = {};
  for (const service of spec.services) {
    workloads[service.name] = createWorkload(`${name}-${service.name}`, service, ns, spec, parent, [namespace, ...spec.dependsOn]);
  }
  return { namespace, workloads };
}

function createWorkload(
  name: string,
  service: WorkloadSpec,
  namespace: pulumi.Output<string>,
  spec: WorkloadsSpec,
  parent: pulumi.Resource,
  dependsOn: readonly pulumi.Resource[],
): Workload {
  const opts = { parent, provider: spec.provider, dependsOn: [...dependsOn] };
  const after = (...resources: pulumi.Resource[]) => ({ ...opts, dependsOn: [...dependsOn, ...resources] });
  const labels = { "app.kubernetes.io/name": service.name, "app.kubernetes.io/part-of": spec.namespace };
  const statements = serviceStatements(service, spec);
  const role =
    statements.length > 0
      ? irsaRole(
          name,
          {
            oidc: spec.oidc,
            serviceAccount: { namespace: spec.namespace, name: service.name },
            description: `${spec.context.namePrefix} ${service.name} pods`,
            statements,
          },
          parent,
        )
      : undefined;

  const serviceAccount = new k8s.core.v1.ServiceAccount(
    name,
    {
      metadata: {
        name: service.name,
        namespace,
        labels,
        annotations: role ? { "eks.amazonaws.com/role-arn": role.arn } : undefined,
      },
      automountServiceAccountToken: false,
    },
    opts,
  );

  const secretName = `${service.name}-secrets`;
  const secretVariables = Object.keys(service.secrets).sort();
  const secretResources: pulumi.Resource[] = [];
  if (secretVariables.length > 0) {
    const store = new k8s.apiextensions.CustomResource(
      `${name}-secret-store`,
      {
        apiVersion: "external-secrets.io/v1",
        kind: "SecretStore",
        metadata: { name: service.name, namespace, labels },
        spec: {
          provider: {
            aws: { service: "SecretsManager", region: spec.context.region, auth: { jwt: { serviceAccountRef: { name: service.name } } } },
          },
        },
      },
      after(serviceAccount),
    );
    secretResources.push(
      new k8s.apiextensions.CustomResource(
        `${name}-external-secret`,
        {
          apiVersion: "external-secrets.io/v1",
          kind: "ExternalSecret",
          metadata: { name: service.name, namespace, labels },
          spec: {
            refreshInterval: "1h",
            secretStoreRef: { name: service.name, kind: "SecretStore" },
            target: { name: secretName, creationPolicy: "Owner" },
            data: secretVariables.map((variable) => ({
              secretKey: variable,
              remoteRef: { key: service.secrets[variable].secretArn, property: service.secrets[variable].jsonKey },
            })),
          },
        },
        after(store),
      ),
    );
  }

  const env = [
    ...Object.keys(service.environment)
      .sort()
      .map((key) => ({ name: key, value: service.environment[key] })),
    ...secretVariables.map((variable) => ({ name: variable, valueFrom: { secretKeyRef: { name: secretName, key: variable } } })),
  ];
  const probe = (initialDelaySeconds: number) => ({
    httpGet: { path: service.healthCheckPath, port: "http" },
    initialDelaySeconds,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  });

  // No `replicas`: the HPA owns the count (a second owner would fight it on every update).
  const deployment = new k8s.apps.v1.Deployment(
    name,
    {
      metadata: { name: service.name, namespace, labels },
      spec: {
        selector: { matchLabels: labels },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: service.name,
            // The services never call the Kubernetes API; IRSA projects its own token regardless.
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser,
              runAsGroup: runAsUser,
              fsGroup: runAsUser,
              seccompProfile: { type: "RuntimeDefault" },
            },
            nodeSelector: service.nodeGroup ? { [nodeGroupLabel]: service.nodeGroup.key } : undefined,
            tolerations: service.nodeGroup?.taints.map((t) => ({ key: t.key, operator: t.value === undefined ? "Exists" : "Equal", value: t.value, effect: toleration(t.effect) })),
            topologySpreadConstraints: [
              { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: labels } },
              { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: labels } },
            ],
            containers: [
              {
                name: service.name,
                image: service.image,
                ports: [{ name: "http", containerPort: service.port, protocol: "TCP" }],
                env,
                resources: {
                  requests: { cpu: service.resources.cpuRequest, memory: service.resources.memoryRequest },
                  limits: { cpu: service.resources.cpuLimit, memory: service.resources.memoryLimit },
                },
                readinessProbe: probe(5),
                livenessProbe: probe(30),
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: service.readOnlyRootFilesystem,
                  runAsNonRoot: true,
                  capabilities: { drop: ["ALL"] },
                },
                volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
              },
            ],
            volumes: [{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }],
          },
        },
      },
    },
    after(serviceAccount, ...secretResources),
  );

  const service_ = new k8s.core.v1.Service(
    name,
    {
      metadata: {
        name: service.name,
        namespace,
        labels,
        // Target-group settings the ALB controller reads from the backend Service.
        annotations: {
          "alb.ingress.kubernetes.io/healthcheck-path": service.healthCheckPath,
          "alb.ingress.kubernetes.io/success-codes": "200-399",
          ...(service.websocket
            ? { "alb.ingress.kubernetes.io/target-group-attributes": "stickiness.enabled=true,stickiness.type=lb_cookie,stickiness.lb_cookie.duration_seconds=86400" }
            : {}),
        },
      },
      spec: { type: "ClusterIP", selector: labels, ports: [{ name: "http", port: service.port, targetPort: "http", protocol: "TCP" }] },
    },
    opts,
  );

  new k8s.autoscaling.v2.HorizontalPodAutoscaler(
    name,
    {
      metadata: { name: service.name, namespace, labels },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: service.name },
        minReplicas: service.scaling.min,
        maxReplicas: service.scaling.max,
        metrics: [
          { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: service.scaling.cpuTargetPercent } } },
          ...(service.scaling.memoryTargetPercent === undefined
            ? []
            : [{ type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: service.scaling.memoryTargetPercent } } }]),
        ],
        // The shared cooldowns become stabilisation windows: how long a lower (higher) recommendation must hold.
        behavior: {
          scaleDown: { stabilizationWindowSeconds: service.scaling.scaleInCooldownSeconds },
          scaleUp: { stabilizationWindowSeconds: service.scaling.scaleOutCooldownSeconds },
        },
      },
    },
    after(deployment),
  );

  // One pod at a time may be evicted (node drains, upgrades); never blocks a drain outright.
  new k8s.policy.v1.PodDisruptionBudget(
    name,
    { metadata: { name: service.name, namespace, labels }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } },
    opts,
  );

  return { serviceAccount, deployment, service: service_ };
}

/** The service's own AWS permissions: its buckets, and the secrets its SecretStore reads. */
export function serviceStatements(service: WorkloadSpec, spec: Pick<WorkloadsSpec, "context" | "keys">): Statement[] {
  const { region } = spec.context;
  const statements: Statement[] = [];
  const readBuckets = service.buckets.map((b) => b.arn);
  const writeBuckets = service.buckets.filter((b) => b.access === "readwrite").map((b) => b.arn);
  if (readBuckets.length > 0) {
    statements.push(
      { Sid: "ListBuckets", Effect: "Allow", Action: ["s3:ListBucket"], Resource: readBuckets },
      { Sid: "ReadObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: readBuckets.map((arn) => pulumi.interpolate`${arn}/*`) },
    );
  }
  if (writeBuckets.length > 0) {
    statements.push({ Sid: "WriteObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: writeBuckets.map((arn) => pulumi.interpolate`${arn}/*`) });
  }
  if (readBuckets.length > 0) {
    statements.push({
      Sid: "UseStorageKeyThroughS3",
      Effect: "Allow",
      Action: writeBuckets.length > 0 ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
      Resource: spec.keys.storage,
      Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
    });
  }
  const secretArns = uniqueInputs(Object.values(service.secrets).map((s) => s.secretArn));
  if (secretArns.length > 0) {
    statements.push(
      { Sid: "ReadOwnSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: secretArns },
      {
        Sid: "DecryptSecretsThroughSecretsManager",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: [...spec.keys.secrets],
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
      },
    );
  }
  return statements;
}

/** Plain strings deduplicated; Outputs kept (two references to one store resolve to one ARN). */
function uniqueInputs(values: readonly pulumi.Input<string>[]): pulumi.Input<string>[] {
  const seen = new Set<unknown>();
  return values.filter((v) => (seen.has(v) ? false : (seen.add(v), true)));
}

function toleration(effect: TaintEffect): string {
  return { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" }[effect];
}
