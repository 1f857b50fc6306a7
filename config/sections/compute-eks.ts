import { z } from "zod";
import { parseQuantity, ResourceKind } from "../../model/compute/eks/quantity";

const ipv4Cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, "must be an IPv4 CIDR such as 203.0.113.0/24").describe("`platform:compute.eks`: the Kubernetes variant of the compute tier (seed 004). Read only when `compute.engine` is `eks`; the service list itself is the shared `compute.services`.");

/** A Kubernetes quantity, written as YAML text or a bare number (`1` core). */
const quantity = (kind: ResourceKind) =>
  z
    .union([z.string(), z.number()])
    .transform(String)
    .superRefine((text, ctx) => {
      try {
        parseQuantity(text, kind);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
      }
    });

const addonVersion = z.string().regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, "must be an EKS add-on version such as v1.20.4-eksbuild.1").describe("EKS add-on versions are published per cluster version, e.g. v1.20.4-eksbuild.1.");

const labelKey = z
  .string()
  .regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, "must be a Kubernetes label key (prefix/name, name up to 63 characters)")
  .describe("Kubernetes label/taint keys: an optional DNS prefix, then a name of up to 63 characters.");
const labelValue = z.string().regex(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/, "must be a Kubernetes label value (up to 63 characters)");

export const nodeGroupKey = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, "must be 1-31 characters of a-z, 0-9 and '-'");

const nodeGroupSchema = z
  .object({
    instanceTypes: z.array(z.string()).min(1, "list at least one instance type").describe("EC2 types of the group's nodes, all of one architecture (seed 004: t3.medium)."),
    capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND").describe("ON_DEMAND or SPOT (several instance types make Spot capacity easier to find)."),
    minSize: z.number().int().min(0).describe("Seed 004: 2-4 nodes."),
    desiredSize: z.number().int().min(0).describe("Nodes the group starts with; between minSize and maxSize."),
    maxSize: z.number().int().min(1).describe("Most nodes the group scales to (OpenMarket: 4)."),
    diskSizeGb: z.number().int().min(20, "must be at least 20 (the EKS AMI's own size)").max(16384).default(20).describe("Root volume (gp3, encrypted with the cluster key)."),
    labels: z.record(labelKey, labelValue).default({}).describe("Extra node labels; `platform/node-group: <key>` is always added."),
    taints: z
      .array(
        z
          .object({
            key: labelKey.describe("Taint key."),
            value: labelValue.optional().describe("Taint value; none when absent."),
            effect: z.enum(["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"]).describe("What a pod without a matching toleration meets: not scheduled, evicted, or avoided."),
          })
          .strict(),
      )
      .default([])
      .describe("Taints keep pods without a matching toleration off the group."),
  })
  .strict();

const workloadSchema = z
  .object({
    cpuRequest: quantity("cpu").optional().describe("Requests reserve node capacity; default: the shared service's cpuUnits (1024 = 1 core) and memoryMb."),
    memoryRequest: quantity("memory").optional().describe("Memory the pod reserves, e.g. `1Gi`; default: the service's memoryMb."),
    cpuLimit: quantity("cpu").describe("Limits cap a pod's burst (seed 004: 1000m CPU, 2Gi memory)."),
    memoryLimit: quantity("memory").describe("Memory the pod may use before it is killed (OpenMarket: 2Gi)."),
    nodeGroup: nodeGroupKey.optional().describe("Pin the pods to one node group (they tolerate its taints); any untainted group otherwise."),
  })
  .strict();

const channelKey = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, "must be 1-31 characters of a-z, 0-9 and '-'");

/**
 * A Slack channel's incoming webhook lives in Secrets Manager, never in config: the stack file,
 * Pulumi state and plan.json would all hold it, and the URL alone lets anyone post.
 */
const slackChannelSchema = z
  .object({
    channel: z.string().regex(/^#[a-z0-9][a-z0-9_-]{0,79}$/, "must be a Slack channel name such as #openmarket-critical").describe("The channel the webhook posts to (shown in the messages; the webhook decides the channel)."),
    webhookSecret: z
      .string({
        required_error:
          "is required: the name of the Secrets Manager secret holding this channel's Slack webhook URL (never the URL itself: config is stored in plain text)",
      })
      .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, "must be a Secrets Manager secret name such as openmarket/prod/slack/critical (letters, digits and /_+=.@-), not a URL")
      .describe("Name of the Secrets Manager secret whose value is the channel's webhook URL, created by whoever owns the Slack workspace."),
  })
  .strict();

const alertingSchema = z
  .object({
    slack: z
      .object({
        channels: z
          .record(channelKey, slackChannelSchema)
          .refine((channels) => Object.keys(channels).length > 0, "needs at least one channel")
          .describe("Slack receivers by stable key (OpenMarket: 5 channels)."),
        defaultChannel: channelKey.describe("Receives every alert no route matches."),
        routes: z
          .array(
            z
              .object({
                matchers: z
                  .record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "must be a Prometheus label name"), z.string().min(1))
                  .refine((m) => Object.keys(m).length > 0, "needs at least one label to match")
                  .describe("Alert labels that must all be equal, e.g. { severity: critical }."),
                channel: channelKey.describe("The channel key the matching alerts go to."),
                continue: z.boolean().default(false).describe("Keep matching later routes too (one alert in several channels)."),
              })
              .strict(),
          )
          .default([])
          .describe("Routes in order: the first match wins unless it says continue."),
      })
      .strict(),
  })
  .strict();

export const eksSection = z
  .object({
    version: z.string().regex(/^1\.\d{2}$/, "must be a Kubernetes minor version such as 1.34").describe("Kubernetes minor version, checked against the EKS release calendar (seed 004: 1.28)."),
    supportType: z.enum(["STANDARD", "EXTENDED"]).default("STANDARD").describe("STANDARD: EKS upgrades the cluster when standard support ends. EXTENDED: stay longer at 6x the control-plane price."),
    endpoint: z
      .object({
        deployerCidrs: z
          .array(ipv4Cidr)
          .default([])
          .describe(
            "Where `pulumi up` runs: the CI runners' egress addresses (NAT or static IPs). pulumi up creates the cluster's Helm releases and workloads through its API, so the public endpoint admits these ranges (at most a /24 each where data is protected). Required unless publicAccessCidrs lists where you deploy from.",
          ),
        publicAccessCidrs: z
          .array(ipv4Cidr)
          .default([])
          .describe("People who run kubectl from outside the VPC (office, VPN), disposable environments only. The endpoint is always reachable from inside the VPC."),
      })
      .strict()
      .default({})
      .describe("Who reaches the Kubernetes API endpoint: the VPC (nodes, pods) always; from the internet only the deployer and listed ranges, at most 40 in all (EKS quota)."),
    adminRoleArns: z
      .array(z.string().regex(/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@\-/]+$/, "must be an IAM role ARN"))
      .min(1, "needs at least one administrator role, or only the identity that created the cluster can operate it")
      .describe(
        "IAM roles granted cluster-admin through EKS access entries (not the aws-auth ConfigMap). Not the role that runs pulumi up: EKS already makes the cluster's creator an admin, and a second entry for it fails (409).",
      ),
    nodeGroups: z.record(nodeGroupKey, nodeGroupSchema).refine((groups) => Object.keys(groups).length > 0, "needs at least one node group").describe("Managed node groups by stable key (OpenMarket: one group of t3.medium, 2-4 nodes)."),
    addons: z
      .object({ vpcCni: addonVersion, coreDns: addonVersion, kubeProxy: addonVersion, ebsCsiDriver: addonVersion })
      .strict()
      .describe("Versions of the EKS-managed add-ons; kube-proxy follows the cluster's minor version."),
    autoscaler: z
      .object({
        enabled: z.boolean().describe("Install Cluster Autoscaler (seed 004: \"EKS Cluster Autoscaler\"): it adds nodes up to each group's maxSize when pods are Pending, and removes idle ones down to minSize."),
        scaleDownUnneededMinutes: z.number().int().min(1).max(60).default(10).describe("How long a node must be underused before it is removed (the autoscaler's --scale-down-unneeded-time; its default is 10)."),
      })
      .strict()
      .default({ enabled: false })
      .describe("Node autoscaling within each node group's minSize-maxSize (OpenMarket: Cluster Autoscaler on the managed node group)."),
    monitoring: z
      .object({
        enabled: z.boolean().describe("Prometheus, Grafana, Alertmanager, Node Exporter, kube-state-metrics and Fluent Bit (seed 004)."),
        prometheusRetentionDays: z.number().int().min(1).max(365).default(30).describe("Seed 004: Prometheus keeps 30 days."),
        prometheusStorageGi: z.number().int().min(10).max(16384).default(100).describe("Seed 004: a 100Gi volume."),
        alerting: alertingSchema.optional().describe("Alertmanager's Slack receivers and routes, and the platform's alert rules (PrometheusRule); none when absent."),
        dashboards: z
          .array(z.string().regex(/^[A-Za-z0-9_./-]+\.json$/, "must be a repository path to a .json file, such as dashboards/openmarket-application.json"))
          .default([])
          .describe("Grafana dashboards (JSON model files, paths from the repository root) provisioned through the Grafana sidecar (seed 004: the OpenMarket Application dashboard)."),
      })
      .strict()
      .describe("The in-cluster monitoring stack (OpenMarket: Prometheus, Grafana, Alertmanager, Fluent Bit)."),
    services: z.record(z.string(), workloadSchema).describe("Kubernetes sizing per service of `compute.services`, by service name."),
  })
  .strict();

export type EksConfig = z.infer<typeof eksSection>;
export type EksWorkloadConfig = z.infer<typeof workloadSchema>;
