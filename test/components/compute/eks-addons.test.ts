import { strict as assert } from "assert";
import * as fs from "fs";
import { CapturedResource, RenderResult } from "../../../offline";
import { alertRules } from "../../../model/compute/eks/alert-rules";
import { wildcardResourceFindings } from "../../../policies/lib/iam-analysis";
import { parseDocument } from "../../../policies/lib/policy-document";
import { input, named, ofType, renderStackFile, state } from "../../helpers/stacks";
import { openMarketBlueprint } from "../../helpers/eks";

const t = {
  release: "kubernetes:helm.sh/v3:Release",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  cluster: "eks:index:Cluster",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  secretStore: "kubernetes:external-secrets.io/v1:SecretStore",
  externalSecret: "kubernetes:external-secrets.io/v1:ExternalSecret",
  prometheusRule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
  configMap: "kubernetes:core/v1:ConfigMap",
};

interface Statement {
  Sid: string;
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}
const policyOf = (resources: readonly CapturedResource[], name: string): { Statement: Statement[] } => JSON.parse(String(input(named(resources, t.rolePolicy, name), "policy")));

let prodRender: Promise<RenderResult> | undefined;
const renderProd = () => (prodRender ??= renderStackFile(openMarketBlueprint("prod")));
const prefix = "openmarket-prod";
const account = "123456789012";

describe("EKS node autoscaling and alert routing (issue 15, OpenMarket prod)", () => {
  describe("Cluster Autoscaler", () => {
    it("installs the pinned chart in kube-system, auto-discovering this cluster's node groups, with its own role", async () => {
      const { resources } = await renderProd();
      const release = named(resources, t.release, `${prefix}-cluster-autoscaler`);
      assert.equal(input(release, "chart"), "cluster-autoscaler");
      assert.equal(input(release, "version"), "9.53.0");
      assert.deepEqual(input(release, "repositoryOpts"), { repo: "https://kubernetes.github.io/autoscaler" });
      assert.equal(input(release, "namespace"), "kube-system");
      assert.equal(input(release, "atomic"), true);
      const values = input<Record<string, unknown>>(release, "values");
      assert.deepEqual(values.autoDiscovery, { clusterName: prefix });
      assert.equal(values.awsRegion, "ap-northeast-2");
      assert.equal(values.cloudProvider, "aws");
      assert.deepEqual(values.rbac, {
        serviceAccount: { create: true, name: "cluster-autoscaler", annotations: { "eks.amazonaws.com/role-arn": state(named(resources, t.role, `${prefix}-cluster-autoscaler`), "arn") } },
      });
      assert.deepEqual(values.extraArgs, { "balance-similar-node-groups": true, expander: "least-waste", "scale-down-unneeded-time": "10m" });
      assert.deepEqual(values.resources, { requests: { cpu: "100m", memory: "300Mi" }, limits: { cpu: "500m", memory: "600Mi" } });
      // After the nodes and the load balancer controller, whose webhook admits the chart's Service.
      const deps = release.options.dependsOn;
      assert.ok(deps.includes(named(resources, t.release, `${prefix}-lb-controller`).urn));
      assert.ok(deps.includes(ofType(resources, t.nodeGroup)[0].urn));
    });

    it("scales only within the node group's configured limits: 2 to 6 nodes", async () => {
      const { resources } = await renderProd();
      assert.deepEqual(input(ofType(resources, t.nodeGroup)[0], "scalingConfig"), { minSize: 2, desiredSize: 2, maxSize: 6 });
    });

    it("writes its policy out action by action: reads on *, node group reads on this cluster, writes only on this cluster's owned EKS groups", async () => {
      const { resources } = await renderProd();
      const policy = policyOf(resources, `${prefix}-cluster-autoscaler`);
      assert.deepEqual(policy.Statement, [
        {
          Sid: "DiscoverNodeGroups",
          Effect: "Allow",
          Action: [
            "autoscaling:DescribeAutoScalingGroups",
            "autoscaling:DescribeAutoScalingInstances",
            "autoscaling:DescribeLaunchConfigurations",
            "autoscaling:DescribeScalingActivities",
            "ec2:DescribeImages",
            "ec2:DescribeInstanceTypes",
            "ec2:DescribeLaunchTemplateVersions",
            "ec2:GetInstanceTypesFromInstanceRequirements",
          ],
          Resource: "*",
        },
        { Sid: "ReadOwnNodeGroups", Effect: "Allow", Action: ["eks:DescribeNodegroup"], Resource: `arn:aws:eks:ap-northeast-2:${account}:nodegroup/${prefix}/*/*` },
        {
          Sid: "ScaleOwnNodeGroups",
          Effect: "Allow",
          Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
          Resource: `arn:aws:autoscaling:ap-northeast-2:${account}:autoScalingGroup:*:autoScalingGroupName/eks-*`,
          Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${prefix}`]: "owned" } },
        },
      ]);
      const trust = JSON.parse(String(input(named(resources, t.role, `${prefix}-cluster-autoscaler`), "assumeRolePolicy")));
      const issuer = state<string>(ofType(resources, t.cluster)[0], "oidcIssuer");
      assert.deepEqual(trust.Statement[0].Condition, { StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:kube-system:cluster-autoscaler", [`${issuer}:aud`]: "sts.amazonaws.com" } });
      // The gate's least-privilege rule passes the writes because they name their resources.
      const parsed = parseDocument(policy);
      assert.equal(parsed.kind, "document");
      if (parsed.kind !== "document") return;
      for (const statement of parsed.statements) assert.deepEqual((await wildcardResourceFindings(statement)).violations, []);
    });

    it("is absent from dev, whose office hours stop the nodes instead", async () => {
      const { resources } = await renderStackFile(openMarketBlueprint("dev"));
      assert.equal(ofType(resources, t.release).filter((r) => input(r, "chart") === "cluster-autoscaler").length, 0);
    });
  });

  describe("Alertmanager -> Slack", () => {
    it("reads each channel's webhook from its Secrets Manager secret through the External Secrets Operator, with a role for exactly those secrets", async () => {
      const { resources } = await renderProd();
      const keys = ["critical", "warning", "cluster", "application", "devops"];
      const external = named(resources, t.externalSecret, `${prefix}-monitoring-slack-webhooks`);
      assert.deepEqual(input(external, "spec"), {
        refreshInterval: "1h",
        secretStoreRef: { name: "alertmanager-slack", kind: "SecretStore" },
        target: { name: "alertmanager-slack-webhooks", creationPolicy: "Owner" },
        data: keys.map((key) => ({ secretKey: key, remoteRef: { key: `openmarket/prod/slack/${key}` } })),
      });
      const store = named(resources, t.secretStore, `${prefix}-monitoring-slack-webhooks-store`);
      assert.deepEqual(input(store, "spec"), {
        provider: { aws: { service: "SecretsManager", region: "ap-northeast-2", auth: { jwt: { serviceAccountRef: { name: "alertmanager-slack" } } } } },
      });
      const sa = named(resources, t.serviceAccount, `${prefix}-monitoring-slack-webhooks`);
      assert.equal(input<{ annotations: Record<string, string> }>(sa, "metadata").annotations["eks.amazonaws.com/role-arn"], state(named(resources, t.role, `${prefix}-monitoring-slack-webhooks`), "arn"));
      const [read, decrypt] = policyOf(resources, `${prefix}-monitoring-slack-webhooks`).Statement;
      assert.deepEqual(read.Action, ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]);
      assert.deepEqual(read.Resource, keys.map((key) => `arn:aws:secretsmanager:ap-northeast-2:${account}:secret:openmarket/prod/slack/${key}-??????`));
      assert.deepEqual(decrypt.Condition, { StringEquals: { "kms:ViaService": "secretsmanager.ap-northeast-2.amazonaws.com" } });
    });

    it("routes alerts from config into five Slack receivers whose URLs are files from the mounted secret, never values", async () => {
      const { resources } = await renderProd();
      const values = input<{ alertmanager: { config: Record<string, unknown> & { route: { receiver: string; routes: unknown[] }; receivers: { name: string; slack_configs?: Record<string, unknown>[] }[] }; alertmanagerSpec: Record<string, unknown> } }>(
        named(resources, t.release, `${prefix}-monitoring-prometheus-stack`),
        "values",
      );
      const { config, alertmanagerSpec } = values.alertmanager;
      assert.deepEqual(alertmanagerSpec, { secrets: ["alertmanager-slack-webhooks"], resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } } });
      assert.equal(config.route.receiver, "devops");
      assert.deepEqual(config.route.routes, [
        { receiver: "null", matchers: ['alertname=~"Watchdog|InfoInhibitor"'] },
        { receiver: "critical", matchers: ['severity="critical"'], continue: true },
        { receiver: "cluster", matchers: ['area="cluster"'], continue: false },
        { receiver: "application", matchers: ['area="application"'], continue: false },
        { receiver: "warning", matchers: ['severity="warning"'], continue: false },
      ]);
      const slack = config.receivers.filter((r) => r.slack_configs);
      assert.deepEqual(slack.map((r) => [r.name, r.slack_configs?.[0].channel, r.slack_configs?.[0].api_url_file]), [
        ["critical", "#openmarket-critical", "/etc/alertmanager/secrets/alertmanager-slack-webhooks/critical"],
        ["warning", "#openmarket-warning", "/etc/alertmanager/secrets/alertmanager-slack-webhooks/warning"],
        ["cluster", "#openmarket-cluster", "/etc/alertmanager/secrets/alertmanager-slack-webhooks/cluster"],
        ["application", "#openmarket-application", "/etc/alertmanager/secrets/alertmanager-slack-webhooks/application"],
        ["devops", "#openmarket-devops", "/etc/alertmanager/secrets/alertmanager-slack-webhooks/devops"],
      ]);
      assert.ok(slack.every((r) => !("api_url" in (r.slack_configs?.[0] ?? {}))), "no webhook URL in the chart's values");
      assert.deepEqual(config.inhibit_rules, [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ["alertname", "namespace"] }]);
    });

    it("installs the ten alert rules as one PrometheusRule the stack's Prometheus selects, watching the application's namespace", async () => {
      const { resources } = await renderProd();
      const rule = named(resources, t.prometheusRule, `${prefix}-monitoring-alert-rules`);
      assert.equal(input(rule, "apiVersion"), "monitoring.coreos.com/v1");
      assert.deepEqual(input(rule, "metadata"), { name: "platform-alerts", namespace: "monitoring", labels: { release: "kube-prometheus-stack" } });
      const [group] = input<{ groups: { name: string; rules: { alert: string; expr: string; labels: Record<string, string> }[] }[] }>(rule, "spec").groups;
      assert.equal(group.rules.length, 10);
      assert.deepEqual(group.rules.map((r) => r.alert), alertRules.map((r) => r.alert));
      for (const r of group.rules) {
        assert.ok(!r.expr.includes("$namespace"), `${r.alert}: namespace filled in`);
        assert.ok(["critical", "warning"].includes(r.labels.severity) && ["cluster", "application"].includes(r.labels.area), `${r.alert}: routable labels`);
      }
      assert.match(group.rules[0].expr, /namespace="openmarket-prod"/);
      assert.ok(rule.options.dependsOn.includes(named(resources, t.release, `${prefix}-monitoring-prometheus-stack`).urn), "after the chart brings the CRD");
    });

    it("provisions the application dashboard from the repository's JSON through the Grafana sidecar's label", async () => {
      const { resources } = await renderProd();
      const map = named(resources, t.configMap, `${prefix}-monitoring-dashboard-application`);
      assert.deepEqual(input(map, "metadata"), { name: "dashboard-application", namespace: "monitoring", labels: { grafana_dashboard: "1" } });
      const json = input<Record<string, string>>(map, "data")["application.json"];
      assert.equal(json, fs.readFileSync("blueprints/openmarket/dashboards/application.json", "utf8"));
      assert.equal(JSON.parse(json).title, "OpenMarket Application");
    });
  });
});
