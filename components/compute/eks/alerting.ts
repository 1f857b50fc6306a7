import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { StackContext } from "../../shared/context";
import type { Statement } from "../../shared/iam";
import { prometheusRuleGroups } from "../../../model/compute/eks/alert-rules";
import type { EksAlertingSettings } from "../../../model/compute/settings";
import { irsaRole, OidcProvider } from "./irsa";

export const slackWebhooksSecret = "alertmanager-slack-webhooks";
export const slackSecretsAccount = { namespace: "monitoring", name: "alertmanager-slack" } as const;
/** Where the operator mounts `alertmanagerSpec.secrets` in the Alertmanager pod. */
const secretsMount = `/etc/alertmanager/secrets/${slackWebhooksSecret}`;

export interface AlertingSpec {
  readonly context: StackContext;
  readonly oidc: OidcProvider;
  readonly provider: k8s.Provider;
  /** The monitoring namespace. */
  readonly namespace: string;
  /** Channels and routes from config. */
  readonly alerting: EksAlertingSettings;
  /** Keys the webhook secrets may be encrypted with (the data key); AWS-managed keys need no grant. */
  readonly secretKeys: readonly pulumi.Input<string>[];
  /** The namespace and the External Secrets Operator (its CRDs) must exist first. */
  readonly dependsOn: readonly pulumi.Resource[];
}

/**
 * The Slack webhooks reach Alertmanager through the External Secrets Operator, the way the
 * services' secrets do, rather than through a Pulumi look-up of the secret value: the URL never
 * passes through the program, its state or plan.json, and a webhook rotated in Secrets Manager
 * reaches Alertmanager at the next refresh without a `pulumi up`. It also works on a first deploy:
 * the Kubernetes objects are created at once, and the Secret appears as soon as each Secrets
 * Manager secret holds its URL (a look-up would fail the whole preview until then). A dedicated
 * service account, trusted by its own role, reads exactly the configured secrets.
 *
 * Returns the kube-prometheus-stack values for Alertmanager: receivers, routes, the mounted secret.
 */
export function createSlackWebhooks(name: string, spec: AlertingSpec, parent: pulumi.Resource): { alertmanagerValues: Record<string, unknown>; resources: pulumi.Resource[] } {
  const { channels } = spec.alerting.slack;
  const keys = Object.keys(channels);
  const role = irsaRole(
    `${name}-slack-webhooks`,
    {
      oidc: spec.oidc,
      serviceAccount: slackSecretsAccount,
      description: `${spec.context.namePrefix} Alertmanager Slack webhooks`,
      statements: slackSecretStatements(spec.context, keys.map((k) => channels[k].webhookSecret), spec.secretKeys),
    },
    parent,
  );
  const opts = { parent, provider: spec.provider, dependsOn: [...spec.dependsOn] };
  const account = new k8s.core.v1.ServiceAccount(
    `${name}-slack-webhooks`,
    { metadata: { name: slackSecretsAccount.name, namespace: spec.namespace, annotations: { "eks.amazonaws.com/role-arn": role.arn } }, automountServiceAccountToken: false },
    opts,
  );
  const store = new k8s.apiextensions.CustomResource(
    `${name}-slack-webhooks-store`,
    {
      apiVersion: "external-secrets.io/v1",
      kind: "SecretStore",
      metadata: { name: slackSecretsAccount.name, namespace: spec.namespace },
      spec: { provider: { aws: { service: "SecretsManager", region: spec.context.region, auth: { jwt: { serviceAccountRef: { name: slackSecretsAccount.name } } } } } },
    },
    { ...opts, dependsOn: [...opts.dependsOn, account] },
  );
  const externalSecret = new k8s.apiextensions.CustomResource(
    `${name}-slack-webhooks`,
    {
      apiVersion: "external-secrets.io/v1",
      kind: "ExternalSecret",
      metadata: { name: slackWebhooksSecret, namespace: spec.namespace },
      spec: {
        refreshInterval: "1h",
        secretStoreRef: { name: slackSecretsAccount.name, kind: "SecretStore" },
        target: { name: slackWebhooksSecret, creationPolicy: "Owner" },
        data: keys.map((key) => ({ secretKey: key, remoteRef: { key: channels[key].webhookSecret } })),
      },
    },
    { ...opts, dependsOn: [...opts.dependsOn, store] },
  );
  return { alertmanagerValues: alertmanagerValues(spec.alerting), resources: [externalSecret] };
}

/** Read the named secrets only: Secrets Manager appends six random characters to a secret's ARN. */
export function slackSecretStatements(context: StackContext, secretNames: readonly string[], keys: readonly pulumi.Input<string>[]): Statement[] {
  const { partition, region, accountId } = context;
  return [
    {
      Sid: "ReadSlackWebhooks",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
      Resource: [...new Set(secretNames)].map((secret) => pulumi.interpolate`arn:${partition}:secretsmanager:${region}:${accountId}:secret:${secret}-??????`),
    },
    {
      Sid: "DecryptThroughSecretsManager",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: [...keys],
      Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
    },
  ];
}

/**
 * Alertmanager's configuration: one Slack receiver per channel, reading its webhook from the mounted
 * Secret (`api_url_file`, so the URL is in no ConfigMap or chart value); the configured routes in
 * order; grouping by alert and namespace, and a critical alert silencing the same alert's warning
 * (seed 004: "그룹화 및 중복 제거", grouping and de-duplication). The chart's Watchdog heartbeat and
 * InfoInhibitor go to a null receiver, as the chart's own default does.
 */
export function alertmanagerValues(alerting: EksAlertingSettings): Record<string, unknown> {
  const { channels, routes, defaultChannel } = alerting.slack;
  const matchers = (m: Readonly<Record<string, string>>) => Object.entries(m).map(([label, value]) => `${label}=${JSON.stringify(value)}`);
  return {
    config: {
      global: { resolve_timeout: "5m" },
      route: {
        receiver: defaultChannel,
        group_by: ["alertname", "namespace"],
        group_wait: "30s",
        group_interval: "5m",
        repeat_interval: "4h",
        routes: [
          { receiver: "null", matchers: ['alertname=~"Watchdog|InfoInhibitor"'] },
          ...routes.map((route) => ({ receiver: route.channel, matchers: matchers(route.matchers), continue: route.continue })),
        ],
      },
      inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ["alertname", "namespace"] }],
      receivers: [
        { name: "null" },
        ...Object.entries(channels).map(([key, channel]) => ({
          name: key,
          slack_configs: [
            {
              api_url_file: `${secretsMount}/${key}`,
              channel: channel.channel,
              send_resolved: true,
              title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.severity }})',
              text: "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ end }}",
            },
          ],
        })),
      ],
    },
    alertmanagerSpec: { secrets: [slackWebhooksSecret] },
  };
}

/** The ten rules (model/compute/eks/alert-rules.ts) as one PrometheusRule the stack's Prometheus selects. */
export function createAlertRules(name: string, args: { namespace: string; appNamespace: string; releaseName: string; provider: k8s.Provider; dependsOn: readonly pulumi.Resource[] }, parent: pulumi.Resource): k8s.apiextensions.CustomResource {
  return new k8s.apiextensions.CustomResource(
    `${name}-alert-rules`,
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      // kube-prometheus-stack's Prometheus selects rules labelled with its release name.
      metadata: { name: "platform-alerts", namespace: args.namespace, labels: { release: args.releaseName } },
      spec: { groups: prometheusRuleGroups(args.appNamespace) },
    },
    { parent, provider: args.provider, dependsOn: [...args.dependsOn] },
  );
}

/** A dashboard file as a ConfigMap Grafana's sidecar loads (kube-prometheus-stack: label grafana_dashboard "1"). */
export function createDashboard(name: string, args: { namespace: string; file: string; json: string; provider: k8s.Provider; dependsOn: readonly pulumi.Resource[] }, parent: pulumi.Resource): k8s.core.v1.ConfigMap {
  const base = path.basename(args.file, ".json");
  return new k8s.core.v1.ConfigMap(
    `${name}-dashboard-${base}`,
    {
      metadata: { name: `dashboard-${base}`, namespace: args.namespace, labels: { grafana_dashboard: "1" } },
      data: { [`${base}.json`]: args.json },
    },
    { parent, provider: args.provider, dependsOn: [...args.dependsOn] },
  );
}
