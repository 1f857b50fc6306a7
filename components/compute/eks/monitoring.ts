import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { StackContext } from "../../shared/context";
import { charts } from "../../../model/compute/eks/charts";
import { encryptedStorageClass, release } from "./controllers";
import { irsaRole, OidcProvider } from "./irsa";
import { createAlertRules, createDashboard, createSlackWebhooks } from "./alerting";
import type { EksAlertingSettings } from "../../../model/compute/settings";

export const monitoringNamespace = "monitoring";
export const fluentBitAccount = { namespace: monitoringNamespace, name: "fluent-bit" } as const;
export const grafanaAdminSecret = "grafana-admin";

export interface MonitoringSpec {
  /** The region Fluent Bit ships logs to; the prefix names its role. */
  readonly context: StackContext;
  /** Names the application log group `/aws/eks/<cluster>/application` (seed 004). */
  readonly clusterName: string;
  /** The cluster's OIDC provider, trusted by Fluent Bit's IRSA role. */
  readonly oidc: OidcProvider;
  /** The cluster's Kubernetes provider. */
  readonly provider: k8s.Provider;
  /** Prometheus's retention (seed 004: 30 days). */
  readonly prometheusRetentionDays: number;
  /** Prometheus's volume in GiB (seed 004: 100Gi). */
  readonly prometheusStorageGi: number;
  /** Application log group retention (the environment's log settings). */
  readonly logRetentionDays: number;
  /** Encrypts the application log group (the security tier's logs key). */
  readonly logsKeyArn: pulumi.Input<string>;
  /** The encrypted StorageClass and the nodes must exist first. */
  readonly dependsOn: readonly pulumi.Resource[];
  /** Pulumi `protect` on the application log group and the Grafana admin password (protected environments). */
  readonly protect: boolean;
  /**
   * The AWS Load Balancer Controller's release: both charts create Services, which its webhook
   * refuses until the controller serves (controllers.ts), so they install after it.
   */
  readonly loadBalancerController: pulumi.Resource;
  /** The External Secrets Operator's release: the Slack webhooks come through it. */
  readonly externalSecrets: pulumi.Resource;
  /** Alertmanager's Slack channels and routes; the chart's default (no receiver) when absent. */
  readonly alerting?: EksAlertingSettings;
  /** Keys the Slack webhook secrets may be encrypted with. */
  readonly secretKeys: readonly pulumi.Input<string>[];
  /** The application's namespace, which the alert rules watch. */
  readonly appNamespace: string;
  /**
   * Grafana dashboard JSON files, paths from the project directory (checked by the config schema),
   * read as Pulumi reads a job's code directory: relative to where the program runs.
   */
  readonly dashboards: readonly string[];
}

export interface Monitoring {
  readonly prometheusStack: k8s.helm.v3.Release;
  readonly fluentBit: k8s.helm.v3.Release;
  readonly applicationLogGroup: aws.cloudwatch.LogGroup;
}

/** Seed 004's requests/limits for the monitoring components. */
const sizes = {
  prometheus: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2000m", memory: "4Gi" } },
  grafana: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1000m", memory: "2Gi" } },
  alertmanager: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  nodeExporter: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "200m", memory: "256Mi" } },
  kubeStateMetrics: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  fluentBit: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
};

/**
 * Seed 004's monitoring stack: Prometheus (15 s scrapes, retention and volume from config, on the
 * encrypted gp3 class), Alertmanager, Grafana, Node Exporter and kube-state-metrics from
 * kube-prometheus-stack; Fluent Bit shipping container logs to a CloudWatch log group this tier
 * owns (retention and KMS set here, so Fluent Bit may not create groups).
 *
 * Grafana's admin password is generated here and handed to the chart as an existing Secret: it is
 * never a chart value, and never the seed's published default.
 */
export function createMonitoring(name: string, spec: MonitoringSpec, parent: pulumi.Resource): Monitoring {
  const opts = { parent, provider: spec.provider, dependsOn: [...spec.dependsOn] };
  // Node Exporter needs the host's network and PID namespaces and Fluent Bit reads /var/log:
  // the privileged profile, confined to this namespace.
  const namespace = new k8s.core.v1.Namespace(
    `${name}-namespace`,
    { metadata: { name: monitoringNamespace, labels: { "pod-security.kubernetes.io/enforce": "privileged" } } },
    opts,
  );
  const inNamespace = { ...opts, dependsOn: [...spec.dependsOn, namespace] };

  const password = new random.RandomPassword(`${name}-grafana-admin`, { length: 32, special: false }, { parent, protect: spec.protect });
  const adminSecret = new k8s.core.v1.Secret(
    `${name}-grafana-admin`,
    {
      metadata: { name: grafanaAdminSecret, namespace: monitoringNamespace },
      type: "Opaque",
      stringData: { "admin-user": "admin", "admin-password": password.result },
    },
    inNamespace,
  );

  const slack = spec.alerting
    ? createSlackWebhooks(
        name,
        {
          context: spec.context,
          oidc: spec.oidc,
          provider: spec.provider,
          namespace: monitoringNamespace,
          alerting: spec.alerting,
          secretKeys: spec.secretKeys,
          dependsOn: [...inNamespace.dependsOn, spec.externalSecrets],
        },
        parent,
      )
    : undefined;

  const prometheusStack = release(
    `${name}-prometheus-stack`,
    charts.kubePrometheusStack,
    monitoringNamespace,
    {
      // EKS runs the control plane: its components cannot be scraped from inside the cluster.
      kubeControllerManager: { enabled: false },
      kubeScheduler: { enabled: false },
      kubeEtcd: { enabled: false },
      prometheus: {
        prometheusSpec: {
          scrapeInterval: "15s",
          retention: `${spec.prometheusRetentionDays}d`,
          resources: sizes.prometheus,
          storageSpec: {
            volumeClaimTemplate: {
              spec: {
                storageClassName: encryptedStorageClass,
                accessModes: ["ReadWriteOnce"],
                resources: { requests: { storage: `${spec.prometheusStorageGi}Gi` } },
              },
            },
          },
        },
      },
      alertmanager: {
        ...slack?.alertmanagerValues,
        alertmanagerSpec: { ...(slack?.alertmanagerValues.alertmanagerSpec as object | undefined), resources: sizes.alertmanager },
      },
      grafana: {
        admin: { existingSecret: grafanaAdminSecret, userKey: "admin-user", passwordKey: "admin-password" },
        resources: sizes.grafana,
      },
      "prometheus-node-exporter": { resources: sizes.nodeExporter },
      "kube-state-metrics": { resources: sizes.kubeStateMetrics },
    },
    { ...inNamespace, dependsOn: [...inNamespace.dependsOn, adminSecret, spec.loadBalancerController, ...(slack?.resources ?? [])] },
    false,
  );
  // The PrometheusRule CRD comes with the chart.
  createAlertRules(
    name,
    { namespace: monitoringNamespace, appNamespace: spec.appNamespace, releaseName: charts.kubePrometheusStack.chart, provider: spec.provider, dependsOn: [prometheusStack] },
    parent,
  );
  for (const dashboard of spec.dashboards) {
    createDashboard(name, { namespace: monitoringNamespace, file: dashboard, json: fs.readFileSync(path.resolve(dashboard), "utf8"), provider: spec.provider, dependsOn: inNamespace.dependsOn }, parent);
  }

  // Seed 004: /aws/eks/<cluster>/application.
  const logGroupName = `/aws/eks/${spec.clusterName}/application`;
  const applicationLogGroup = new aws.cloudwatch.LogGroup(
    `${name}-application-logs`,
    { name: logGroupName, retentionInDays: spec.logRetentionDays, kmsKeyId: spec.logsKeyArn },
    { parent, protect: spec.protect },
  );
  const fluentBitRole = irsaRole(
    `${name}-fluent-bit`,
    {
      oidc: spec.oidc,
      serviceAccount: fluentBitAccount,
      description: `${spec.context.namePrefix} Fluent Bit`,
      statements: [
        {
          Sid: "WriteApplicationLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [applicationLogGroup.arn, pulumi.interpolate`${applicationLogGroup.arn}:log-stream:*`],
        },
      ],
    },
    parent,
  );
  const fluentBit = release(
    `${name}-fluent-bit`,
    charts.fluentBit,
    monitoringNamespace,
    {
      cloudWatch: { enabled: false },
      cloudWatchLogs: {
        enabled: true,
        region: spec.context.region,
        logGroupName,
        logGroupTemplate: logGroupName,
        logStreamPrefix: "fluentbit-",
        autoCreateGroup: false,
      },
      firehose: { enabled: false },
      kinesis: { enabled: false },
      elasticsearch: { enabled: false },
      serviceAccount: { create: true, name: fluentBitAccount.name, annotations: { "eks.amazonaws.com/role-arn": fluentBitRole.arn } },
      resources: sizes.fluentBit,
    },
    { ...inNamespace, dependsOn: [...inNamespace.dependsOn, applicationLogGroup, spec.loadBalancerController] },
    false,
  );

  return { prometheusStack, fluentBit, applicationLogGroup };
}
