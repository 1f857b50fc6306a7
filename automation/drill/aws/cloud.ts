import { ApplicationAutoScalingClient } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { RDSClient } from "@aws-sdk/client-rds";
import { Route53Client, TestDNSAnswerCommand, UpdateHealthCheckCommand } from "@aws-sdk/client-route-53";
import { promises as dns } from "dns";
import type { Clock } from "../../shared/clock";
import { fetchProbe, HttpProbe, ProbeResult } from "../../shared/http";
import { S3Client } from "@aws-sdk/client-s3";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import type { Datapoint, DbInstanceState, DrillCloud, PromotionBackups, DrillMode, FilesReading, HpaBounds, ReverseRuleState, ServiceScaling, ServiceState, StoreState, SuspendedState, WorkloadState } from "../cloud";
import { reverseReplication } from "./files";
import { RdsInstances } from "./instances";
import { filesSince, lagSince } from "./metrics";
import { DrillTargets, ecsOf, eksOf, SideName } from "../targets";
import { eksConnect, KubernetesConnect, patchHpaBounds, readWorkloads, scaleDeployment } from "./kubernetes";
import { scalableTargets, setScaling } from "./scaling";
import { cacheAvailable, cacheState, databaseState, promoteCache, promoteDatabase, replicationLagSeconds } from "./stores";

/** SDK clients by region; created on first use, so a dry run creates none. */
export interface AwsClients {
  readonly rds: (region: string) => RDSClient;
  readonly elasticache: (region: string) => ElastiCacheClient;
  readonly ecs: (region: string) => ECSClient;
  readonly cloudwatch: (region: string) => CloudWatchClient;
  /** Application Auto Scaling: the services' scalable targets the fence holds at 0. */
  readonly autoscaling: (region: string) => ApplicationAutoScalingClient;
  /** S3: the reverse replication rules on the standby's replicas, which a failback checks. */
  readonly s3: (region: string) => S3Client;
  /** Route 53's control plane is in us-east-1, outside both regions of the pair. */
  readonly route53: () => Route53Client;
  /** An EKS side's Kubernetes API (./kubernetes.ts), with a token of the drill's AWS identity. */
  readonly kubernetes: KubernetesConnect;
}

/** Clients on the default credential chain (environment, profile, SSO, instance role). */
export function defaultAwsClients(): AwsClients {
  const cache = new Map<string, unknown>();
  const get = <C>(key: string, create: () => C): C => {
    if (!cache.has(key)) cache.set(key, create());
    return cache.get(key) as C;
  };
  return {
    rds: (region) => get(`rds:${region}`, () => new RDSClient({ region })),
    elasticache: (region) => get(`elasticache:${region}`, () => new ElastiCacheClient({ region })),
    ecs: (region) => get(`ecs:${region}`, () => new ECSClient({ region })),
    cloudwatch: (region) => get(`cloudwatch:${region}`, () => new CloudWatchClient({ region })),
    autoscaling: (region) => get(`autoscaling:${region}`, () => new ApplicationAutoScalingClient({ region })),
    s3: (region) => get(`s3:${region}`, () => new S3Client({ region })),
    route53: () => get("route53", () => new Route53Client({ region: "us-east-1" })),
    // The same default chain the SDK clients above resolve, for the EKS tokens.
    kubernetes: eksConnect(defaultProvider()),
  };
}

export interface AwsDrillCloudOptions {
  readonly clients: AwsClients;
  readonly clock: Clock;
  readonly probe?: HttpProbe;
  readonly resolve?: (hostname: string) => Promise<string[]>;
}

/** DrillCloud on AWS SDK v3 for one pair's targets (the standby stack's `drill` output). */
export class AwsDrillCloud implements DrillCloud {
  private readonly clients: AwsClients;

  constructor(private readonly targets: DrillTargets, private readonly options: AwsDrillCloudOptions) {
    this.clients = options.clients;
  }

  probe(url: string, timeoutMs: number): Promise<ProbeResult> {
    return (this.options.probe ?? fetchProbe)(url, timeoutMs);
  }

  async services(side: SideName): Promise<ServiceState[]> {
    if (this.targets[side].eks) {
      // A Deployment is there or not; "running" is what serves: its ready pods.
      return (await this.workloads(side)).map((w) => ({ name: w.name, status: w.found ? "ACTIVE" : "MISSING", desired: w.replicas, running: w.readyReplicas }));
    }
    const { region } = this.targets[side];
    const ecs = ecsOf(this.targets[side]);
    const client = this.clients.ecs(region);
    const states: ServiceState[] = [];
    // DescribeServices takes at most 10 services per call.
    for (let i = 0; i < ecs.serviceNames.length; i += 10) {
      const names = ecs.serviceNames.slice(i, i + 10);
      const out = await client.send(new DescribeServicesCommand({ cluster: ecs.clusterName, services: names }));
      for (const name of names) {
        const found = out.services?.find((s) => s.serviceName === name);
        states.push(found ? { name, status: found.status ?? "UNKNOWN", desired: found.desiredCount ?? 0, running: found.runningCount ?? 0 } : { name, status: "MISSING", desired: 0, running: 0 });
      }
    }
    return states;
  }

  async scaleService(side: SideName, service: string, desired: number): Promise<void> {
    const { region } = this.targets[side];
    await this.clients.ecs(region).send(new UpdateServiceCommand({ cluster: ecsOf(this.targets[side]).clusterName, service, desiredCount: desired }));
  }

  scalableTargets(side: SideName): Promise<Map<string, ServiceScaling>> {
    const { region } = this.targets[side];
    const ecs = ecsOf(this.targets[side]);
    return scalableTargets(this.clients.autoscaling(region), ecs.clusterName, ecs.serviceNames);
  }

  setScaling(side: SideName, service: string, change: { readonly minCapacity?: number; readonly maxCapacity?: number; readonly suspendedState: SuspendedState }): Promise<void> {
    const { region } = this.targets[side];
    return setScaling(this.clients.autoscaling(region), ecsOf(this.targets[side]).clusterName, service, change);
  }

  async workloads(side: SideName): Promise<WorkloadState[]> {
    const eks = eksOf(this.targets[side]);
    return readWorkloads(await this.clients.kubernetes(eks, this.targets[side].region), eks);
  }

  async scaleWorkload(side: SideName, deployment: string, replicas: number): Promise<void> {
    const eks = eksOf(this.targets[side]);
    await scaleDeployment(await this.clients.kubernetes(eks, this.targets[side].region), eks.namespace, deployment, replicas);
  }

  async setHpaBounds(side: SideName, bounds: HpaBounds): Promise<void> {
    const eks = eksOf(this.targets[side]);
    await patchHpaBounds(await this.clients.kubernetes(eks, this.targets[side].region), eks.namespace, bounds);
  }

  replicationLagSeconds(follower: SideName): Promise<number | undefined> {
    return replicationLagSeconds(this.clients.cloudwatch, this.targets, follower, this.options.clock.now());
  }

  lagSince(follower: SideName, since: number): Promise<Datapoint | undefined> {
    return lagSince(this.clients.cloudwatch, this.targets, follower, since, this.options.clock.now());
  }

  filesSince(from: SideName, since: number): Promise<FilesReading[]> {
    return filesSince(this.clients.cloudwatch, this.targets, from, since, this.options.clock.now());
  }

  reverseReplication(): Promise<ReverseRuleState[]> {
    return reverseReplication(this.clients.s3, this.targets);
  }

  database(): Promise<StoreState> {
    return databaseState(this.clients.rds, this.targets);
  }

  promoteDatabase(to: SideName, mode: DrillMode, backups?: PromotionBackups): Promise<void> {
    return promoteDatabase(this.clients.rds, this.targets, to, mode, backups);
  }

  async dbInstance(side: SideName): Promise<DbInstanceState | undefined> {
    const db = this.targets.database;
    if (db.strategy !== "rds-replica") throw new Error(`the database is ${db.strategy}, not an RDS read-replica pair`);
    const found = await new RdsInstances(this.clients.rds).describe(this.targets[side].region, db[side].instanceIdentifier);
    if (!found) return undefined;
    return { identifier: found.DBInstanceIdentifier ?? db[side].instanceIdentifier, arn: found.DBInstanceArn ?? "", status: found.DBInstanceStatus ?? "unknown", source: found.ReadReplicaSourceDBInstanceIdentifier || undefined };
  }

  cache(): Promise<StoreState> {
    return cacheState(this.clients.elasticache, this.targets);
  }

  promoteCache(to: SideName, mode: DrillMode): Promise<void> {
    return promoteCache(this.clients.elasticache, this.targets, to, mode);
  }

  cacheAvailable(side: SideName): Promise<boolean> {
    return cacheAvailable(this.clients.elasticache, this.targets, side);
  }

  async setPrimaryHealthCheckInverted(inverted: boolean): Promise<void> {
    await this.clients.route53().send(new UpdateHealthCheckCommand({ HealthCheckId: this.targets.dns.primaryHealthCheckId, Inverted: inverted }));
  }

  async dnsAnswer(): Promise<string[]> {
    const { hostedZoneId, recordName } = this.targets.dns;
    const out = await this.clients.route53().send(new TestDNSAnswerCommand({ HostedZoneId: hostedZoneId, RecordName: recordName, RecordType: "A" }));
    return out.RecordData ?? [];
  }

  resolve(hostname: string): Promise<string[]> {
    return (this.options.resolve ?? ((name: string) => dns.resolve4(name)))(hostname);
  }
}
