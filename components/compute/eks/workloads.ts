import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { irsaRole } from "./irsa";
import { podTemplate } from "./workload-pods";
import { serviceStatements } from "./workload-permissions";
import type { Workload, WorkloadSpec, WorkloadsSpec } from "./workload-spec";

export type { Workload, WorkloadSpec, WorkloadsSpec } from "./workload-spec";

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

  // No `replicas`: the HPA owns the count (a second owner would fight it on every update).
  const deployment = new k8s.apps.v1.Deployment(
    name,
    {
      metadata: { name: service.name, namespace, labels },
      spec: {
        selector: { matchLabels: labels },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: podTemplate(service, labels, { secretName, variables: secretVariables }),
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

