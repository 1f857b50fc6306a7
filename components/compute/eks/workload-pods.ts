import type * as k8s from "@pulumi/kubernetes";
import type { TaintEffect } from "../../../model/compute/settings";
import { nodeGroupLabel } from "./node-groups";
import type { WorkloadSpec } from "./workload-spec";

/** UID of the `node` user of the official Node.js images the seeds' services are built on. */
const runAsUser = 1000;

/**
 * The pod a service's Deployment runs: non-root under the restricted Pod Security Standard, its
 * plain variables and its secrets (from the Secret the ExternalSecret keeps, `secretName`), probes
 * on the health path, requests and limits, spread over zones and nodes, pinned to its node group.
 */
export function podTemplate(
  service: WorkloadSpec,
  labels: Readonly<Record<string, string>>,
  secrets: { readonly secretName: string; readonly variables: readonly string[] },
): k8s.types.input.core.v1.PodTemplateSpec {
  const { secretName } = secrets;
  const secretVariables = secrets.variables;
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
  return {
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
  };
}

function toleration(effect: TaintEffect): string {
  return { NO_SCHEDULE: "NoSchedule", NO_EXECUTE: "NoExecute", PREFER_NO_SCHEDULE: "PreferNoSchedule" }[effect];
}
