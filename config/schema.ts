import { z } from "zod";
import type { ComputeSettings } from "../model/compute/settings";
import { checkSubnetLayout, planSubnets } from "../model/network/cidr-plan";
import type { PlatformSettings } from "../model/platform";
import { regionAvailabilityZones } from "../model/network/regions";
import { projectRoot } from "./project-root";
import { backupSection, checkBackup } from "./sections/backup";
import { dataStores } from "../model/security/reach";
import { dataSecretRefs } from "../model/security/settings";
import { accountSection, checkAccount } from "./sections/account";
import { appSecretsSection } from "./sections/app-secrets";
import { baseSection, region } from "./sections/base";
import { computeSection } from "./sections/compute";
import { checkServiceReferences, checkServices } from "./sections/compute-checks";
import { checkEcs } from "./sections/compute-ecs-checks";
import { checkServiceReach } from "./sections/compute-reach-checks";
import { ecsDefaults } from "./sections/compute-ecs";
import { checkEksCompute } from "./sections/compute-eks-checks";
import { checkDr, drSection } from "./sections/dr";
import { checkStandby } from "./sections/dr-checks";
import { checkFailoverName } from "./sections/failover-checks";
import { costSection } from "./sections/cost";
import { dataSection } from "./sections/data";
import { checkData } from "./sections/data-checks";
import { jobsSection } from "./sections/jobs";
import { checkMessaging, mailSection, smsSection } from "./sections/messaging";
import { checkJobs } from "./sections/jobs-checks";
import { checkEdge, edgeSection } from "./sections/edge";
import { networkSection } from "./sections/network";
import { observabilitySection } from "./sections/observability";
import { policySection } from "./sections/policy";
import { logsSection } from "./sections/observability-base";
import { officeHoursSection } from "./sections/office-hours";
import { securitySection } from "./sections/security";
import { storageSection } from "./sections/storage";
import { checkStorage } from "./sections/storage-checks";
import { checkLogArchive } from "./sections/log-archive-checks";

export const platformObject = z
  .object({
    region: region.describe("The stack's AWS region; the standby stack runs in another (ap-northeast-1 for the Seoul products' DR)."),
    ...baseSection,
    account: accountSection.optional(),
    logs: logsSection,
    network: networkSection.describe("The VPC: subnets per tier and zone, NAT, VPC endpoints and flow logs."),
    security: securitySection.describe("KMS keys and the bastion (the account's trail and GuardDuty detector are in platform:account.baseline)."),
    compute: computeSection.optional(),
    cost: costSection.default({}).describe("What the offline cost estimate cannot read from the resources, and the budget it is held against."),
    data: dataSection.optional().describe("Optional: a standby stack's database is the DR tier's replica of the primary's."),
    storage: storageSection,
    jobs: jobsSection.default({}).describe("Background functions on Lambda, each with its trigger."),
    observability: observabilitySection.optional().describe("Alerts: who is paged, at which thresholds; the dashboard and the monthly budget."),
    backup: backupSection.optional().describe("An AWS Backup vault and plan, selection by tag, copies to the standby region."),
    officeHours: officeHoursSection.optional().describe("Stop services, node groups and the database outside office hours (OpenMarket's dev cost control)."),
    appSecrets: appSecretsSection.default({}).describe("The application's own secrets, one Secrets Manager secret each, named `<project>/<environment>/<key>`."),
    edge: edgeSection.optional(),
    mail: mailSection.optional(),
    sms: smsSection.optional(),
    dr: drSection.optional().describe("Disaster recovery: the targets, which side serves, and on a standby stack its primary and the copies it keeps."),
    policy: policySection,
  })
  .strict()
  .describe("The whole stack config. Each key is one `platform:<key>` entry of `Pulumi.<stack>.yaml` (`region` is `aws:region`). Cross-field rules live in `crossChecks` so that every problem is reported in one pass.");

export type ObjectConfig = z.infer<typeof platformObject>;

/**
 * The cross-field rules, each run on its own: the loader runs every rule whose sections passed
 * their own validation, so a problem in one section does not hide another section's cross-field
 * problem until the next run (config/index.ts). A rule that reads a section which failed is
 * skipped, and only that rule.
 */
export const crossChecks: readonly ((config: ObjectConfig, ctx: z.RefinementCtx) => void)[] = [
  (config, ctx) => checkAccount(config.account, { region: config.region, dataProtection: config.dataProtection, engine: config.compute?.engine }, ctx),
  checkData,
  checkStorage,
  (config, ctx) =>
    checkLogArchive(
      {
        project: config.project,
        environment: config.environment,
        region: config.region,
        archive: config.logs.archive,
        services: config.compute?.engine === "ecs" ? config.compute.services.map((s) => s.name) : [],
        databaseLogExports: config.data?.database.logExports ?? [],
        bucketKeys: config.storage.buckets.map((b) => b.name),
      },
      ctx,
    ),
  (config, ctx) =>
    checkJobs(config.jobs, ctx, {
      project: config.project,
      environment: config.environment,
      // A standby's jobs use the dr tier's replica buckets and copies of the stores, as its services do.
      bucketKeys: [...config.storage.buckets.map((b) => b.name), ...standbyReplicaBuckets(config)],
      bucketSources: config.role === "standby" ? "platform:storage or platform:dr.replica.buckets" : "platform:storage",
      dataStores: dataStores.filter((store) => config.data !== undefined || (config.role === "standby" && config.dr?.replica?.[store] !== undefined)),
      root: projectRoot(),
    }),
  (config, ctx) => config.backup && checkBackup(config.backup, config.region, ctx),
  (config, ctx) => {
    if (config.observability?.budget && config.cost.monthlyBudgetUsd !== undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["cost", "monthlyBudgetUsd"],
        message: "is also set as platform:observability.budget.monthlyUsd: keep the budget in one place (the AWS Budgets budget)",
      });
    }
  },
  (config, ctx) => {
    // The scheduled readiness check alarms through the stack's alert topic.
    if (config.dr?.readiness && !config.observability) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["dr", "readiness"], message: "alarms through the alert topic: set platform:observability (alertEmails) on this stack too" });
    }
  },
  (config, ctx) => {
    if (config.observability?.taskCrashEvents && config.compute?.engine !== "ecs") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["observability", "taskCrashEvents"],
        message: `watches ECS tasks; this stack runs ${config.compute ? `engine ${config.compute.engine} (its pods are Prometheus's and Alertmanager's)` : "no compute"}`,
      });
    }
    if (config.observability?.tracing && config.compute?.engine !== "ecs") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["observability", "tracing"],
        message: `adds the X-Ray daemon to ECS tasks; this stack runs ${config.compute ? `engine ${config.compute.engine}, which has no such sidecar here` : "no compute"}: allowed only with platform:compute.engine ecs`,
      });
    }
    // A log-text alarm reads an ECS service's log group (EKS pods log through the cluster's agent).
    const services = config.compute?.engine === "ecs" ? config.compute.services.map((s) => s.name) : [];
    for (const [key, alarm] of Object.entries(config.observability?.logTextAlarms ?? {})) {
      if (services.includes(alarm.service)) continue;
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["observability", "logTextAlarms", key, "service"],
        message:
          services.length > 0
            ? `is not an ECS service of this stack (allowed: ${services.join(", ")})`
            : `reads an ECS service's log group; this stack runs ${config.compute ? `engine ${config.compute.engine}` : "no compute"}: allowed only with platform:compute.engine ecs`,
      });
    }
  },
  (config, ctx) => {
    // The schedule scales the node groups to zero; the autoscaler would add nodes back for the Pending pods.
    if (config.officeHours?.enabled && config.compute?.engine === "eks" && config.compute.eks?.autoscaler.enabled) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["compute", "eks", "autoscaler", "enabled"],
        message: "cannot be true with platform:officeHours.enabled: Cluster Autoscaler would scale the node groups the schedule stops back up for the Pending pods; use one or the other",
      });
    }
  },
  (config, ctx) => {
    if (config.officeHours?.enabled && !config.compute && !config.data) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["officeHours", "enabled"], message: "has nothing to stop: the stack has no compute services or database" });
    }
  },
  checkReservedSecrets,
  (config, ctx) => config.compute && checkServices(config.compute, config.appSecrets, ctx),
  checkReferences,
  checkReach,
  (config, ctx) =>
    config.compute &&
    checkEcs(config.compute, { present: config.observability !== undefined, target5xxRate: config.observability?.alarms.target5xxRate !== undefined }, ctx),
  (config, ctx) => config.compute && checkEksCompute(config.compute, { dataProtection: config.dataProtection, root: projectRoot() }, ctx),
  (config, ctx) => checkEdge(config.edge, config.compute, config.storage.buckets.map((b) => b.name), ctx),
  (config, ctx) =>
    checkMessaging(
      { mail: config.mail, sms: config.sms, zone: config.edge?.zone.name, observability: config.observability !== undefined, ownsBaseline: config.account?.baseline !== undefined },
      ctx,
    ),
  checkDr,
  checkStandby,
  checkFailoverName,
  checkNetwork,
  (config, ctx) => {
    if (config.dataProtection === "disposable" && config.acknowledgedReplacements.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["acknowledgedReplacements"],
        message: "acknowledges replacements in a disposable stack, where nothing is protected: remove it",
      });
    }
  },
];

export const platformSchema = platformObject.superRefine((config, ctx) => crossChecks.forEach((check) => check(config, ctx)));

function checkNetwork(config: ObjectConfig, ctx: z.RefinementCtx): void {
  const { network } = config;
  const zones = regionAvailabilityZones[config.region] ?? [];
  network.availabilityZones.forEach((zone, index) => {
    if (!zones.includes(zone)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["network", "availabilityZones", index],
        message: `is not a zone of ${config.region} (allowed: ${zones.join(", ")})`,
      });
    }
    if (network.availabilityZones.indexOf(zone) !== index) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["network", "availabilityZones", index], message: "is listed twice" });
    }
  });
  if (network.availabilityZones.length > zones.length) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["network", "availabilityZones"],
      message: `asks for ${network.availabilityZones.length} zones but ${config.region} has ${zones.length}`,
    });
  }
  const prefix = Number(network.vpcCidr.split("/")[1]);
  if (prefix < 16 || prefix > 24) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["network", "vpcCidr"], message: "must be a /16 to /24 (AWS VPC limits)" });
    return;
  }
  const azCount = network.availabilityZones.length;
  if (network.subnets) {
    for (const problem of checkSubnetLayout(network.vpcCidr, network.subnets, azCount)) {
      const [where, ...rest] = problem.split(": ");
      const match = /^(public|app|data)(?:\[(\d+)\])?$/.exec(where);
      const path = match ? ["network", "subnets", match[1], ...(match[2] ? [Number(match[2])] : [])] : ["network", "vpcCidr"];
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: match ? rest.join(": ") : problem });
    }
  } else {
    try {
      planSubnets(network.vpcCidr, azCount);
    } catch (error) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["network", "vpcCidr"], message: (error as Error).message });
    }
  }
}

function checkReservedSecrets(config: ObjectConfig, ctx: z.RefinementCtx): void {
  for (const key of Object.keys(config.appSecrets)) {
    if ((dataSecretRefs as readonly string[]).includes(key)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["appSecrets", key], message: "is reserved: services reference the data tier's secret by this name" });
    }
  }
}

/** Each service reaches exactly the stores it declares, and only stores the stack (or its standby copy) has. */
function checkReach(config: ObjectConfig, ctx: z.RefinementCtx): void {
  if (!config.compute) return;
  const replica = config.role === "standby" ? config.dr?.replica : undefined;
  checkServiceReach(config.compute, { stores: dataStores.filter((store) => config.data !== undefined || replica?.[store] !== undefined) }, ctx);
}

/** A standby's replica buckets (the dr tier's), which its services and jobs use by the primary's keys. */
function standbyReplicaBuckets(config: ObjectConfig): string[] {
  return config.role === "standby" ? (config.dr?.replica?.buckets ?? []).filter((b) => b.via === "replication").map((b) => b.name) : [];
}

function checkReferences(config: ObjectConfig, ctx: z.RefinementCtx): void {
  if (!config.compute) return;
  // A standby's endpoints, secrets and buckets are the DR tier's copies of the primary's.
  const replica = config.role === "standby" ? config.dr?.replica : undefined;
  checkServiceReferences(
    config.compute,
    {
      data: config.data !== undefined || (replica?.database !== undefined && replica.cache !== undefined),
      buckets: [...config.storage.buckets.map((b) => b.name), ...(replica?.buckets ?? []).map((b) => b.name)],
    },
    ctx,
  );
}

/**
 * The model's settings from a valid config, with what is derived added: the subnet layout, and
 * the compute variant's own settings (ECS defaults when the stack file has none). Only called
 * after validation passed, so the variant's settings exist.
 */
export function derive(config: ObjectConfig): PlatformSettings {
  const azCount = config.network.availabilityZones.length;
  return {
    ...config,
    compute: config.compute && computeSettings(config.compute),
    subnetPlan: config.network.subnets ?? planSubnets(config.network.vpcCidr, azCount),
  };
}

function computeSettings({ engine, services, ecs, eks }: NonNullable<ObjectConfig["compute"]>): ComputeSettings {
  if (engine === "ecs") return { engine, services, ecs: ecs ?? ecsDefaults };
  if (!eks) throw new Error("compute.eks is required when engine is eks (validation reports it)");
  return { engine, services, eks };
}
