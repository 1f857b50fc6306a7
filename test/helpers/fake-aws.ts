import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, RegisterScalableTargetCommand } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import {
  DescribeGlobalReplicationGroupsCommand,
  DescribeReplicationGroupsCommand,
  DisassociateGlobalReplicationGroupCommand,
  ElastiCacheClient,
  FailoverGlobalReplicationGroupCommand,
} from "@aws-sdk/client-elasticache";
import { DescribeGlobalClustersCommand, FailoverGlobalClusterCommand, RDSClient, SwitchoverGlobalClusterCommand } from "@aws-sdk/client-rds";
import { Route53Client, TestDNSAnswerCommand, UpdateHealthCheckCommand } from "@aws-sdk/client-route-53";
import { GetBucketReplicationCommand, S3Client } from "@aws-sdk/client-s3";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import type { CacheStandbyStrategy, DatabaseStandbyStrategy } from "../../model/dr/settings";
import { AwsClients, AwsDrillCloud } from "../../automation/drill/aws/cloud";
import type { KubernetesConnect } from "../../automation/drill/aws/kubernetes";
import type { DrillTargets, SideName } from "../../automation/drill/targets";
import type { Clock } from "../../automation/shared/clock";
import type { ProbeResult } from "../../automation/shared/http";
import { FakeRds, instanceArn, platformInstance } from "./fake-rds";

export const regions: Record<SideName, string> = { primary: "ap-northeast-2", standby: "ap-northeast-1" };
const account = "123456789012";
const ips: Record<SideName, string[]> = { primary: ["3.34.10.1", "3.34.10.2"], standby: ["18.176.20.1", "18.176.20.2"] };

/** The `drill` output the standby stack publishes, for the prod / prod-dr pair. */
export function drillTargets(database: DatabaseStandbyStrategy, cache: CacheStandbyStrategy, files: boolean | "one-way" = false): DrillTargets {
  const side = (s: SideName, stack: string) => ({
    stack,
    region: regions[s],
    healthUrl: `https://${stack}-origin.example.test/healthz`,
    loadBalancerDnsName: `${stack}-alb-1234567890.${regions[s]}.elb.amazonaws.com`,
    ecs: { clusterName: `platform-${stack}`, serviceNames: ["api", "web"] },
  });
  const cluster = (s: SideName, id: string) => ({ clusterIdentifier: id, clusterArn: `arn:aws:rds:${regions[s]}:${account}:cluster:${id}` });
  return {
    publicUrl: "https://app.example.test/healthz",
    dns: { hostedZoneId: "Z04517273VB5N1ZLNK2BY", recordName: "app.example.test", primaryHealthCheckId: "3e4f1a2b-9c8d-4e7f-8a6b-5c4d3e2f1a0b" },
    primary: side("primary", "prod"),
    standby: side("standby", "prod-dr"),
    database:
      database === "aurora-global"
        ? { strategy: database, globalClusterIdentifier: "platform-global", primary: cluster("primary", "platform-prod-db"), standby: cluster("standby", "platform-prod-dr-db") }
        : database === "rds-replica"
          ? { strategy: database, primary: { instanceIdentifier: "platform-prod-db" }, standby: { instanceIdentifier: "platform-prod-dr-db" } }
          : { strategy: "none" },
    cache:
      cache === "none"
        ? { strategy: "none" }
        : cache === "global-datastore"
          ? { strategy: cache, globalReplicationGroupId: "ldgnf-platform-cache", primary: { replicationGroupId: "platform-prod-cache" }, standby: { replicationGroupId: "platform-prod-dr-cache" } }
          : { strategy: cache, primary: { replicationGroupId: "platform-prod-cache" }, standby: { replicationGroupId: "platform-prod-dr-cache" } },
    files: files
      ? [{ key: "files", sourceBucket: "platform-prod-files-123456789012-ap-northeast-2", replicaBucket: "platform-prod-dr-files-123456789012-ap-northeast-1", ruleId: "standby", ...(files === "one-way" ? {} : { reverseRuleId: "failback" }) }]
      : [],
  };
}

const minute = 60_000;
const alignDown = (ms: number) => Math.floor(ms / minute) * minute;

interface Service {
  desired: number;
  running: number;
  /** Describes left before `running` follows `desired`: ECS takes a while to start or stop tasks. */
  settle: number;
}

export interface FakeSuspended {
  dynamicScalingInSuspended: boolean;
  dynamicScalingOutSuspended: boolean;
  scheduledScalingSuspended: boolean;
}

/** One service's Application Auto Scaling scalable target and its scheduled actions (by name). */
export interface FakeScalableTarget {
  min: number;
  max: number;
  suspended: FakeSuspended;
  schedules: Map<string, { min: number; max?: number }>;
}

const running: FakeSuspended = { dynamicScalingInSuspended: false, dynamicScalingOutSuspended: false, scheduledScalingSuspended: false };
/** prod's services as Pulumi.prod.yaml sizes them: min 2, and seed 003's weekday 09:00 office-hours minimum of 4. */
const primaryScaling = (tasks: number, max: number): FakeScalableTarget => ({ min: tasks, max, suspended: { ...running }, schedules: new Map([["office-hours", { min: 4 }], ["after-hours", { min: 2 }]]) });
/** A standby standing by: min = max = its posture, the schedules held at the same size (model/dr/standby-size.ts). */
const standbyScaling = (tasks: number): FakeScalableTarget => ({ min: tasks, max: tasks, suspended: { ...running }, schedules: new Map([["office-hours", { min: tasks, max: tasks }]]) });

/**
 * A pair of AWS regions behind real SDK v3 clients mocked with aws-sdk-client-mock. Each command
 * changes a small simulated state the way AWS would (a switchover is in flight for one describe,
 * tasks stop one describe after the update...), and every call is appended to `trace` in order.
 * Unexpected commands fail.
 */
export class FakeAws {
  readonly trace: string[] = [];
  readonly clients: AwsClients;
  readonly services: Record<SideName, Map<string, Service>>;
  /** `members`: the sides whose cluster is in the Aurora global cluster (after an unplanned failover the old primary rejoins once its region recovers). */
  readonly db = { writer: "primary" as SideName, pending: "primary" as SideName, moving: 0, members: ["primary", "standby"] as SideName[] };
  /** An RDS read-replica pair's instances in both regions (test/helpers/fake-rds.ts). */
  readonly rdsModel = new FakeRds(regions);
  readonly cache = { writer: "primary" as SideName, pending: "primary" as SideName, moving: 0, standbyMember: true, standaloneSettle: 0 };
  readonly dns = { inverted: false, settle: 0 };
  /** Replication lag in seconds returned by successive GetMetricData calls; the last one repeats. */
  lagSeconds: number[] = [2];
  /** The database's lag by datapoint (start of its minute), instead of `lagSeconds`. */
  lagAt?: (minuteStart: number) => number;
  /**
   * How long after a minute begins CloudWatch has its 1-minute datapoint: 0 publishes at once; AWS
   * publishes a minute's datapoint after the minute, sometimes minutes later.
   */
  metricDelayMs = 0;
  /** Every replicated bucket's S3 replication metrics: seconds behind and operations pending. */
  readonly s3 = { latencySeconds: 0, pendingOperations: 0 };
  /** The reverse rule on each replica (replica -> primary's bucket), as GetBucketReplication finds it. */
  reverseRule: "Enabled" | "Disabled" | "missing" = "Enabled";
  private clock?: Clock;
  /** Services ECS does not know, as `side:name`. */
  readonly missing = new Set<string>();
  /** URLs that answer 503 whatever the state. */
  readonly down = new Set<string>();
  /** URL -> how many more probes answer 502 before the state decides (a slow warm-up). */
  readonly slow = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  /** Regions that stop answering, after how many more calls (see goesDown). */
  private readonly outages = new Map<string, number>();
  private readonly stubs: { restore(): void }[] = [];

  /**
   * Application Auto Scaling's scalable targets by side and service (`service/<cluster>/<name>`).
   * Services without an entry have none.
   */
  readonly scaling: Record<SideName, Map<string, FakeScalableTarget>>;
  /**
   * What happens between polls of a side's services (scheduled actions coming due, someone's
   * `pulumi up`): each after so many more DescribeServices of that side.
   */
  private readonly pending: { side: SideName; left: number; happen: () => void }[] = [];
  private readonly deaths = new Map<string, () => void>();
  /** An EKS pair's Kubernetes APIs (test/helpers/fake-kubernetes.ts); none for an ECS pair. */
  kubernetes?: KubernetesConnect;
  /** Whether a side's load balancer has something to serve; an EKS pair's fake Kubernetes says. */
  serving?: (side: SideName) => boolean;
  /** Whether the services' target-tracking policies are invoked between polls (their alarms evaluate every minute). */
  policiesInvoked = true;

  constructor(readonly targets: DrillTargets, standbyTasks = 0, primaryTasks = 2) {
    const services = (tasks: number) => new Map(["api", "web"].map((name) => [name, { desired: tasks, running: tasks, settle: 0 }]));
    this.services = { primary: services(primaryTasks), standby: services(standbyTasks) };
    this.scaling = {
      primary: new Map([["api", primaryScaling(primaryTasks, 5)], ["web", primaryScaling(primaryTasks, 6)]]),
      standby: new Map(["api", "web"].map((name) => [name, standbyScaling(standbyTasks)])),
    };
    /** One client per side; `setup` mocks it (mockClient infers the client's own command types). */
    const byRegion = <C>(make: (region: string) => C, setup: (client: C, side: SideName) => void) => {
      const made = new Map<string, C>();
      for (const side of ["primary", "standby"] as SideName[]) {
        const client = make(regions[side]);
        setup(client, side);
        made.set(regions[side], client);
      }
      return (region: string) => {
        const client = made.get(region);
        if (!client) throw new Error(`no client for region ${region}`);
        return client;
      };
    };
    const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
    const route53 = new Route53Client({ region: "us-east-1", credentials });
    const r53 = mockClient(route53);
    r53.onAnyCommand().callsFake(() => {
      throw new Error("unexpected Route 53 command");
    });
    this.stubs.push(r53);
    r53.on(UpdateHealthCheckCommand).callsFake((input) => this.act("route53", "UpdateHealthCheck", `inverted=${input.Inverted}`, () => {
      this.dns.inverted = Boolean(input.Inverted);
      this.dns.settle = 1;
      return {};
    }));
    r53.on(TestDNSAnswerCommand).callsFake(() => this.act("route53", "TestDNSAnswer", "", () => {
      if (this.dns.settle > 0) {
        this.dns.settle -= 1;
        return { RecordData: ips[this.dns.inverted ? "primary" : "standby"] };
      }
      return { RecordData: ips[this.answering()] };
    }));
    this.clients = {
      ecs: byRegion((region) => new ECSClient({ region, credentials }), (client, side) => this.ecs(this.strict(mockClient(client), side), side)),
      rds: byRegion((region) => new RDSClient({ region, credentials }), (client, side) => this.rds(this.strict(mockClient(client), side), side)),
      cloudwatch: byRegion((region) => new CloudWatchClient({ region, credentials }), (client, side) => this.cloudwatch(this.strict(mockClient(client), side), side)),
      elasticache: byRegion((region) => new ElastiCacheClient({ region, credentials }), (client, side) => this.elasticache(this.strict(mockClient(client), side), side)),
      autoscaling: byRegion((region) => new ApplicationAutoScalingClient({ region, credentials }), (client, side) => this.autoscaling(this.strict(mockClient(client), side), side)),
      s3: byRegion((region) => new S3Client({ region, credentials }), (client, side) => this.s3Stub(this.strict(mockClient(client), side), side)),
      route53: () => route53,
      kubernetes: (cluster, region) => {
        if (!this.kubernetes) throw new Error(`unexpected Kubernetes call to ${cluster.clusterName} in ${region}`);
        return this.kubernetes(cluster, region);
      },
    };
  }

  /**
   * S3 GetBucketReplication of a replica: the reverse rule as `reverseRule` says (the stack declares
   * it Enabled, into the primary's bucket); `missing`: the replica has no replication configuration,
   * which S3 answers with ReplicationConfigurationNotFoundError (S3 API Reference, GetBucketReplication).
   */
  private s3Stub(stub: AwsClientStub<S3Client>, side: SideName): void {
    stub.on(GetBucketReplicationCommand).callsFake((input) => this.act(`s3@${regions[side]}`, "GetBucketReplication", input.Bucket, () => {
      const bucket = this.targets.files.find((f) => f.replicaBucket === input.Bucket);
      if (!bucket || this.reverseRule === "missing") throw Object.assign(new Error("The replication configuration was not found"), { name: "ReplicationConfigurationNotFoundError" });
      return {
        ReplicationConfiguration: {
          Role: "arn:aws:iam::123456789012:role/replicate-back",
          Rules: [{ ID: bucket.reverseRuleId ?? "failback", Status: this.reverseRule, Priority: 1, Destination: { Bucket: `arn:aws:s3:::${bucket.sourceBucket}` } }],
        },
      };
    }));
  }

  /** A regional client's stub fails the commands it was not told about, and is restored with the others. */
  private strict<S extends { onAnyCommand(): { callsFake(fake: (input: unknown) => never): unknown }; restore(): void }>(stub: S, side: SideName): S {
    stub.onAnyCommand().callsFake((input: unknown) => {
      throw new Error(`unexpected AWS command in ${regions[side]}: ${JSON.stringify(input)}`);
    });
    this.stubs.push(stub);
    return stub;
  }

  /**
   * `region` stops answering after `afterCalls` more calls: every later call times out the way
   * the SDK reports a region it cannot reach (no HTTP answer), and its health URL too.
   */
  goesDown(region: string, afterCalls = 0, options: { healthUrl: boolean } = { healthUrl: true }): this {
    this.outages.set(region, afterCalls);
    if (!options.healthUrl) this.answering_.add(region);
    return this;
  }
  /** Regions whose load balancer still answers while their APIs do not. */
  private readonly answering_ = new Set<string>();

  /** The next `times` calls of `command` fail as AWS would deny them. */
  failOn(command: string, times = 1): this {
    this.failures.set(command, times);
    return this;
  }

  cloud(clock: Clock): AwsDrillCloud {
    this.clock = clock;
    return new AwsDrillCloud(this.targets, {
      clients: this.clients,
      clock,
      probe: (url) => Promise.resolve(this.probe(url)),
      resolve: (host) => {
        this.trace.push(`resolve ${host}`);
        return Promise.resolve(ips[host === this.targets.primary.loadBalancerDnsName ? "primary" : "standby"]);
      },
    });
  }

  restore(): void {
    this.stubs.forEach((stub) => stub.restore());
  }

  /** The side DNS answers now. */
  answering(): SideName {
    return this.dns.inverted ? "standby" : "primary";
  }

  /**
   * What `pulumi up` of a side does to its ECS services: the program's scalable target bounds
   * (min = `tasks`; max `max`, or `tasks` for a standby standing by) registered through the
   * provider, which sets no SuspendedState (components/compute/ecs/scaling.ts declares none), so
   * a suspension stays as it is; registering the bounds moves the desired count into them.
   */
  scaleTo(side: SideName, tasks: number, max = tasks): void {
    for (const [name, service] of this.services[side]) {
      const target = this.scaling[side].get(name);
      if (target) {
        target.min = tasks;
        target.max = max;
        this.clamp(service, target);
      } else {
        service.desired = tasks;
        service.settle = 1;
      }
    }
  }

  /** A scheduled action of `side`'s services comes due after `describes` more DescribeServices of that side. */
  dueAt(side: SideName, action: string, describes = 0): this {
    return this.between(side, describes, () => this.runScheduledAction(side, action));
  }

  /** Something happens to `side` after `describes` more DescribeServices of that side (time passes between polls). */
  between(side: SideName, describes: number, happen: () => void): this {
    this.pending.push({ side, left: describes, happen });
    return this;
  }

  /** The next call of `command` succeeds, then the process running the drill dies (`die` is told). */
  dieAfter(command: string, die: () => void): this {
    this.deaths.set(command, die);
    return this;
  }

  /**
   * "Anytime a scaling policy is invoked or the RegisterScalableTarget API is called, Application
   * Auto Scaling retrieves the current capacity and compares it to the minimum and maximum capacity.
   * If it falls outside of the minimum-maximum range, then the capacity is updated to comply"
   * (Application Auto Scaling User Guide, "Application Auto Scaling concepts", Scalable target).
   */
  private clamp(service: Service, target: FakeScalableTarget): void {
    const desired = Math.min(Math.max(service.desired, target.min), target.max);
    if (desired !== service.desired) {
      service.desired = desired;
      service.settle = 1;
    }
  }

  /**
   * What Application Auto Scaling does to `side`'s services between two polls: scheduled actions
   * that came due run unless ScheduledScalingSuspended (at its time a scheduled action sets the new
   * bounds and "if the current capacity is below the minimum capacity, Application Auto Scaling
   * scales out to the minimum capacity": PutScheduledAction, ScalableTargetAction), and the
   * target-tracking policies are invoked, adding capacity only without DynamicScalingOutSuspended and
   * removing it only without DynamicScalingInSuspended (SuspendedState, Application Auto Scaling
   * API Reference; "Suspend and resume scaling" in its User Guide).
   */
  private runScheduledAction(side: SideName, action: string): void {
    for (const [name, target] of this.scaling[side]) {
      const bounds = target.schedules.get(action);
      if (!bounds || target.suspended.scheduledScalingSuspended) continue;
      this.trace.push(`autoscaling@${regions[side]} scheduled action ${action} ${name} min=${bounds.min}`);
      target.min = bounds.min;
      if (bounds.max !== undefined) target.max = bounds.max;
      target.max = Math.max(target.max, target.min);
      this.clamp(this.services[side].get(name) as Service, target);
    }
  }

  private autoscale(side: SideName): void {
    for (const event of [...this.pending]) {
      if (event.side !== side) continue;
      if (event.left > 0) {
        event.left -= 1;
        continue;
      }
      this.pending.splice(this.pending.indexOf(event), 1);
      event.happen();
    }
    if (!this.policiesInvoked) return;
    for (const [name, target] of this.scaling[side]) {
      const service = this.services[side].get(name) as Service;
      if (service.desired < target.min && !target.suspended.dynamicScalingOutSuspended) this.clamp(service, target);
      else if (service.desired > target.max && !target.suspended.dynamicScalingInSuspended) this.clamp(service, target);
    }
  }

  private probe(url: string): ProbeResult {
    this.trace.push(`probe ${url}`);
    if (url === this.targets.primary.healthUrl && this.outages.get(regions.primary) === 0 && !this.answering_.has(regions.primary)) return { ok: false, error: "connect ETIMEDOUT" };
    const side: SideName = url === this.targets.publicUrl ? this.answering() : url === this.targets.primary.healthUrl ? "primary" : "standby";
    const slow = this.slow.get(url) ?? 0;
    if (slow > 0) {
      this.slow.set(url, slow - 1);
      return { ok: false, status: 502, error: "HTTP 502" };
    }
    const serving = this.serving ? this.serving(side) : [...this.services[side].values()].every((s) => s.running > 0);
    return serving && !this.down.has(url) ? { ok: true, status: 200 } : { ok: false, status: 503, error: "HTTP 503" };
  }

  private act<T>(service: string, command: string, detail: string, body: () => T): T {
    this.trace.push(`${service} ${command}${detail ? ` ${detail}` : ""}`);
    const region = service.split("@")[1];
    const callsLeft = region === undefined ? undefined : this.outages.get(region);
    if (callsLeft !== undefined) {
      if (callsLeft === 0) {
        // What the SDK's HTTP handler throws when the endpoint never answers.
        throw Object.assign(new Error(`connect ETIMEDOUT ${region}`), { name: "TimeoutError", code: "ETIMEDOUT", $metadata: { attempts: 3, totalRetryDelay: 2400 } });
      }
      this.outages.set(region, callsLeft - 1);
    }
    const left = this.failures.get(command) ?? 0;
    if (left > 0) {
      this.failures.set(command, left - 1);
      throw Object.assign(new Error(`User is not authorized to perform: ${command}`), { name: "AccessDeniedException" });
    }
    const result = body();
    const die = this.deaths.get(command);
    if (die) {
      this.deaths.delete(command);
      die();
      throw new Error(`the drill's process died after ${command}`);
    }
    return result;
  }

  private ecs(stub: AwsClientStub<ECSClient>, side: SideName): void {
    const at = `ecs@${regions[side]}`;
    stub.on(DescribeServicesCommand).callsFake((input) => this.act(at, "DescribeServices", "", () => (this.autoscale(side), {
      failures: (input.services as string[]).filter((name) => this.missing.has(`${side}:${name}`)).map((name) => ({ arn: name, reason: "MISSING" })),
      services: (input.services as string[]).filter((name) => !this.missing.has(`${side}:${name}`)).map((name) => {
        const s = this.services[side].get(name) as Service;
        if (s.settle > 0) s.settle -= 1;
        else s.running = s.desired;
        return { serviceName: name, status: "ACTIVE", desiredCount: s.desired, runningCount: s.running };
      }),
    })));
    stub.on(UpdateServiceCommand).callsFake((input) => this.act(at, "UpdateService", `${input.service}=${input.desiredCount}`, () => {
      const s = this.services[side].get(input.service) as Service;
      s.desired = input.desiredCount;
      s.settle = 1;
      return { service: { serviceName: input.service, desiredCount: input.desiredCount } };
    }));
  }

  private autoscaling(stub: AwsClientStub<ApplicationAutoScalingClient>, side: SideName): void {
    const at = `autoscaling@${regions[side]}`;
    const prefix = `service/${this.targets[side].ecs?.clusterName}/`;
    const nameOf = (resourceId: string) => (resourceId.startsWith(prefix) ? resourceId.slice(prefix.length) : `?${resourceId}`);
    stub.on(DescribeScalableTargetsCommand).callsFake((input) => this.act(at, "DescribeScalableTargets", "", () => {
      if (input.ServiceNamespace !== "ecs" || input.ScalableDimension !== "ecs:service:DesiredCount") throw new Error(`unexpected scalable targets query ${JSON.stringify(input)}`);
      const ids: string[] = input.ResourceIds ?? [];
      return {
        ScalableTargets: ids.flatMap((id) => {
          const target = this.scaling[side].get(nameOf(id));
          return target ? [{ ServiceNamespace: "ecs", ResourceId: id, ScalableDimension: "ecs:service:DesiredCount", MinCapacity: target.min, MaxCapacity: target.max, SuspendedState: { ...target.suspended }, RoleARN: "arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService", CreationTime: new Date(0) }] : [];
        }),
      };
    }));
    stub.on(RegisterScalableTargetCommand).callsFake((input) => {
      const s = input.SuspendedState;
      const shown = [input.MinCapacity !== undefined ? `min=${input.MinCapacity}` : "", input.MaxCapacity !== undefined ? `max=${input.MaxCapacity}` : "", s ? `suspended=${[s.DynamicScalingInSuspended, s.DynamicScalingOutSuspended, s.ScheduledScalingSuspended].map((v) => (v ? 1 : 0)).join("")}` : ""];
      return this.act(at, "RegisterScalableTarget", `${nameOf(input.ResourceId)} ${shown.filter(Boolean).join(" ")}`, () => {
        const name = nameOf(input.ResourceId);
        const target = this.scaling[side].get(name);
        if (!target) throw Object.assign(new Error(`no scalable target ${input.ResourceId}: a new one needs both MinCapacity and MaxCapacity`), { name: "ValidationException" });
        // "Any parameters that you don't specify are not changed by this update request"
        // (RegisterScalableTarget, Application Auto Scaling API Reference).
        if (input.MinCapacity !== undefined) target.min = input.MinCapacity;
        if (input.MaxCapacity !== undefined) target.max = input.MaxCapacity;
        if (s) {
          target.suspended = {
            dynamicScalingInSuspended: s.DynamicScalingInSuspended ?? false,
            dynamicScalingOutSuspended: s.DynamicScalingOutSuspended ?? false,
            scheduledScalingSuspended: s.ScheduledScalingSuspended ?? false,
          };
        }
        const service = this.services[side].get(name);
        if (service) this.clamp(service, target);
        return { ScalableTargetARN: `arn:aws:application-autoscaling:${regions[side]}:123456789012:scalable-target/${name}` };
      });
    });
  }

  /**
   * After a drill of an RDS pair the standby's instance stands alone (promoted) and the primary's
   * too: the old primary, fenced, not a replica of anything.
   */
  rdsPromoted(): this {
    const t = this.targets.database;
    if (t.strategy !== "rds-replica") throw new Error("not an RDS read-replica pair");
    const standby = this.rdsModel.get("standby", t.standby.instanceIdentifier) as NonNullable<ReturnType<FakeRds["get"]>>;
    Object.assign(standby, { source: undefined, backupRetention: 14, backupWindow: "17:00-17:30" });
    return this;
  }

  private rds(stub: AwsClientStub<RDSClient>, side: SideName): void {
    const at = `rds@${regions[side]}`;
    const t = this.targets.database;
    if (t.strategy === "rds-replica") {
      if (side === "primary") this.rdsModel.add("primary", platformInstance(t.primary.instanceIdentifier, regions.primary));
      else this.rdsModel.add("standby", platformInstance(t.standby.instanceIdentifier, regions.standby, instanceArn(regions.primary, t.primary.instanceIdentifier)));
      this.rdsModel.stub(stub, side, (command, detail, body) => this.act(at, command, detail ?? "", body));
    }
    if (t.strategy !== "aurora-global") return;
    const sideOf = (arn: string): SideName => (arn === t.primary.clusterArn ? "primary" : "standby");
    stub.on(DescribeGlobalClustersCommand).callsFake(() => this.act(at, "DescribeGlobalClusters", "", () => {
      const moving = this.db.moving > 0;
      if (moving) this.db.moving -= 1;
      else this.db.writer = this.db.pending;
      return {
        GlobalClusters: [{
          GlobalClusterIdentifier: t.globalClusterIdentifier,
          Status: moving ? "switching-over" : "available",
          FailoverState: moving ? { Status: "switching-over" } : undefined,
          GlobalClusterMembers: this.db.members.map((s) => ({ DBClusterArn: t[s].clusterArn, IsWriter: this.db.writer === s })),
        }],
      };
    }));
    const move = (input: { TargetDbClusterIdentifier?: string }) => {
      this.db.pending = sideOf(input.TargetDbClusterIdentifier ?? "");
      this.db.moving = 1;
      return { GlobalCluster: { GlobalClusterIdentifier: t.globalClusterIdentifier } };
    };
    stub.on(SwitchoverGlobalClusterCommand).callsFake((input) => this.act(at, "SwitchoverGlobalCluster", `to=${input.TargetDbClusterIdentifier}`, () => move(input)));
    stub.on(FailoverGlobalClusterCommand).callsFake((input) => this.act(at, "FailoverGlobalCluster", `to=${input.TargetDbClusterIdentifier} allowDataLoss=${input.AllowDataLoss}`, () => move(input)));
  }

  /**
   * GetMetricData over 1-minute datapoints: the newest one published is the minute `metricDelayMs`
   * ago; a query returns one datapoint per metric, the first (TimestampAscending) or the last in its
   * range, or none when the range holds nothing published yet.
   */
  private cloudwatch(stub: AwsClientStub<CloudWatchClient>, side: SideName): void {
    stub.on(GetMetricDataCommand).callsFake((input) => {
      const metric = input.MetricDataQueries[0].MetricStat.Metric;
      return this.act(`cloudwatch@${regions[side]}`, "GetMetricData", `${metric.MetricName} ${metric.Dimensions[0].Value}`, () => {
        const start = (input.StartTime as Date).getTime();
        const end = (input.EndTime as Date).getTime();
        const newest = alignDown((this.clock?.now() ?? end) - this.metricDelayMs);
        const at = input.ScanBy === "TimestampAscending" ? alignDown(start + minute - 1) : Math.min(newest, alignDown(end - 1));
        const published = at >= start && at < end && at <= newest;
        const results = (input.MetricDataQueries as { Id: string; MetricStat: { Metric: { MetricName: string } } }[]).map((q) => {
          if (!published) return { Id: q.Id, Values: [], Timestamps: [] };
          return { Id: q.Id, Values: [this.metricValue(q.MetricStat.Metric.MetricName, at)], Timestamps: [new Date(at)] };
        });
        return { MetricDataResults: results };
      });
    });
  }

  private metricValue(name: string, at: number): number {
    if (name === "ReplicationLatency") return this.s3.latencySeconds;
    if (name === "OperationsPendingReplication") return this.s3.pendingOperations;
    const seconds = this.lagAt ? this.lagAt(at) : this.lagSeconds.length > 1 ? (this.lagSeconds.shift() as number) : this.lagSeconds[0];
    return name === "AuroraGlobalDBReplicationLag" ? seconds * 1000 : seconds;
  }

  private elasticache(stub: AwsClientStub<ElastiCacheClient>, side: SideName): void {
    const at = `elasticache@${regions[side]}`;
    const t = this.targets.cache;
    if (t.strategy === "none") return;
    stub.on(DescribeReplicationGroupsCommand).callsFake((input) => this.act(at, "DescribeReplicationGroups", input.ReplicationGroupId, () => {
      const settling = this.cache.standaloneSettle > 0;
      if (settling) this.cache.standaloneSettle -= 1;
      return { ReplicationGroups: [{ ReplicationGroupId: input.ReplicationGroupId, Status: settling ? "modifying" : "available" }] };
    }));
    if (t.strategy !== "global-datastore") return;
    stub.on(DescribeGlobalReplicationGroupsCommand).callsFake(() => this.act(at, "DescribeGlobalReplicationGroups", "", () => {
      const moving = this.cache.moving > 0;
      if (moving) this.cache.moving -= 1;
      else this.cache.writer = this.cache.pending;
      const members = (["primary", "standby"] as SideName[])
        .filter((s) => s === "primary" || this.cache.standbyMember)
        .map((s) => ({ ReplicationGroupId: t[s].replicationGroupId, ReplicationGroupRegion: regions[s], Role: this.cache.writer === s ? "PRIMARY" : "SECONDARY", Status: "associated" }));
      return { GlobalReplicationGroups: [{ GlobalReplicationGroupId: t.globalReplicationGroupId, Status: moving ? "modifying" : "available", Members: members }] };
    }));
    stub.on(FailoverGlobalReplicationGroupCommand).callsFake((input) => this.act(at, "FailoverGlobalReplicationGroup", `primary=${input.PrimaryReplicationGroupId}@${input.PrimaryRegion}`, () => {
      this.cache.pending = input.PrimaryReplicationGroupId === t.primary.replicationGroupId ? "primary" : "standby";
      this.cache.moving = 1;
      return {};
    }));
    stub.on(DisassociateGlobalReplicationGroupCommand).callsFake((input) => this.act(at, "DisassociateGlobalReplicationGroup", `${input.ReplicationGroupId}@${input.ReplicationGroupRegion}`, () => {
      this.cache.standbyMember = false;
      this.cache.standaloneSettle = 1;
      return {};
    }));
  }
}
