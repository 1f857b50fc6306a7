import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import {
  DescribeGlobalReplicationGroupsCommand,
  DescribeReplicationGroupsCommand,
  DisassociateGlobalReplicationGroupCommand,
  ElastiCacheClient,
  FailoverGlobalReplicationGroupCommand,
} from "@aws-sdk/client-elasticache";
import { DescribeDBInstancesCommand, DescribeGlobalClustersCommand, FailoverGlobalClusterCommand, PromoteReadReplicaCommand, RDSClient, SwitchoverGlobalClusterCommand } from "@aws-sdk/client-rds";
import { Route53Client, TestDNSAnswerCommand, UpdateHealthCheckCommand } from "@aws-sdk/client-route-53";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import type { CacheStandbyStrategy, DatabaseStandbyStrategy } from "../../model/dr/settings";
import { AwsClients, AwsDrillCloud } from "../../automation/drill/aws/cloud";
import type { DrillTargets, SideName } from "../../automation/drill/targets";
import type { Clock } from "../../automation/shared/clock";
import type { ProbeResult } from "../../automation/shared/http";

export const regions: Record<SideName, string> = { primary: "ap-northeast-2", standby: "ap-northeast-1" };
const account = "123456789012";
const ips: Record<SideName, string[]> = { primary: ["3.34.10.1", "3.34.10.2"], standby: ["18.176.20.1", "18.176.20.2"] };

/** The `drill` output the standby stack publishes, for the prod / prod-dr pair. */
export function drillTargets(database: DatabaseStandbyStrategy, cache: CacheStandbyStrategy): DrillTargets {
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
  };
}

interface Service {
  desired: number;
  running: number;
  /** Describes left before `running` follows `desired`: ECS takes a while to start or stop tasks. */
  settle: number;
}

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
  readonly db = { writer: "primary" as SideName, pending: "primary" as SideName, moving: 0, standbyIsReplica: true, standbyStatusFlips: 0 };
  readonly cache = { writer: "primary" as SideName, pending: "primary" as SideName, moving: 0, standbyMember: true, standaloneSettle: 0 };
  readonly dns = { inverted: false, settle: 0 };
  /** Replication lag in seconds returned by successive GetMetricData calls; the last one repeats. */
  lagSeconds: number[] = [2];
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

  constructor(readonly targets: DrillTargets, standbyTasks = 0, primaryTasks = 2) {
    const services = (tasks: number) => new Map(["api", "web"].map((name) => [name, { desired: tasks, running: tasks, settle: 0 }]));
    this.services = { primary: services(primaryTasks), standby: services(standbyTasks) };
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
      route53: () => route53,
    };
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

  /** What `pulumi up` of a side does to its ECS services. */
  scaleTo(side: SideName, tasks: number): void {
    for (const service of this.services[side].values()) {
      service.desired = tasks;
      service.settle = 1;
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
    const serving = [...this.services[side].values()].every((s) => s.running > 0);
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
    return body();
  }

  private ecs(stub: AwsClientStub<ECSClient>, side: SideName): void {
    const at = `ecs@${regions[side]}`;
    stub.on(DescribeServicesCommand).callsFake((input) => this.act(at, "DescribeServices", "", () => ({
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

  private rds(stub: AwsClientStub<RDSClient>, side: SideName): void {
    const at = `rds@${regions[side]}`;
    const t = this.targets.database;
    stub.on(DescribeDBInstancesCommand).callsFake((input) => this.act(at, "DescribeDBInstances", input.DBInstanceIdentifier, () => {
      const moving = this.db.standbyStatusFlips > 0;
      if (moving) this.db.standbyStatusFlips -= 1;
      return {
        DBInstances: [{ DBInstanceIdentifier: input.DBInstanceIdentifier, DBInstanceStatus: moving ? "modifying" : "available", ReadReplicaSourceDBInstanceIdentifier: this.db.standbyIsReplica ? "platform-prod-db" : undefined }],
      };
    }));
    stub.on(PromoteReadReplicaCommand).callsFake((input) => this.act(at, "PromoteReadReplica", input.DBInstanceIdentifier, () => {
      this.db.standbyIsReplica = false;
      this.db.standbyStatusFlips = 1;
      return { DBInstance: { DBInstanceIdentifier: input.DBInstanceIdentifier, DBInstanceStatus: "modifying" } };
    }));
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
          GlobalClusterMembers: (["primary", "standby"] as SideName[]).map((s) => ({ DBClusterArn: t[s].clusterArn, IsWriter: this.db.writer === s })),
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

  private cloudwatch(stub: AwsClientStub<CloudWatchClient>, side: SideName): void {
    stub.on(GetMetricDataCommand).callsFake((input) => {
      const metric = input.MetricDataQueries[0].MetricStat.Metric;
      return this.act(`cloudwatch@${regions[side]}`, "GetMetricData", `${metric.MetricName} ${metric.Dimensions[0].Value}`, () => {
        const seconds = this.lagSeconds.length > 1 ? (this.lagSeconds.shift() as number) : this.lagSeconds[0];
        const value = metric.MetricName === "AuroraGlobalDBReplicationLag" ? seconds * 1000 : seconds;
        return { MetricDataResults: [{ Id: "lag", Values: [value], Timestamps: [input.EndTime] }] };
      });
    });
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
