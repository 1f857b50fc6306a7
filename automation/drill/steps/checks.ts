import type { StoreState } from "../cloud";
import { drillOutputName, engineOf, parseDrillTargets, serviceNamesOf } from "../targets";
import { DrillSetup, rdsFollowerRefusal } from "../validate";
import { cloudOf, DrillStep, names, StepContext } from "./context";
import { replicateBackOff } from "./rpo";

const lagMetric = { "aurora-global": "AuroraGlobalDBReplicationLag", "rds-replica": "ReplicaLag", none: "" } as const;

/** The pre-checks: they read, never change. A failed check stops the drill with nothing changed. */
export const checkSteps: readonly DrillStep[] = [
  {
    id: "targets",
    title: "read the drill targets",
    kind: "check",
    plan: (setup) => [`Pulumi: read ${setup.standby.name}'s '${drillOutputName}' output; it must list a ${setup.promote.database} database and a ${setup.promote.cache} cache (platform:dr.promote)`],
    run: async (ctx) => {
      const { setup } = ctx;
      const targets = parseDrillTargets(await ctx.driver.outputs(setup.standby.name), setup.standby.name);
      const problems: string[] = [];
      if (targets.primary.stack !== setup.primary.name || targets.standby.stack !== setup.standby.name) {
        problems.push(`the output pairs ${targets.primary.stack} / ${targets.standby.stack}, not ${setup.primary.name} / ${setup.standby.name}`);
      }
      if (targets.database.strategy !== setup.promote.database) problems.push(`the output's database is ${targets.database.strategy}, platform:dr.promote.database says ${setup.promote.database}`);
      for (const side of ["primary", "standby"] as const) {
        const engine = setup[side].config.compute?.engine ?? "ecs";
        if (engineOf(targets[side]) !== engine) problems.push(`the output's ${side} runs ${engineOf(targets[side])}, ${setup[side].name}'s platform:compute.engine says ${engine}`);
      }
      if (targets.cache.strategy !== setup.promote.cache) problems.push(`the output's cache is ${targets.cache.strategy}, platform:dr.promote.cache says ${setup.promote.cache}`);
      if (problems.length > 0) throw new Error(`${problems.join("; ")}: roll ${setup.standby.name} out first`);
      ctx.targets = targets;
      ctx.cloud = ctx.makeCloud(targets);
      ctx.detail(`public URL ${targets.publicUrl}; ${serviceNamesOf(targets.primary).length} ${engineOf(targets.primary) === "eks" ? "EKS Deployments" : "ECS services"} per side`);
      return "done";
    },
  },
  {
    id: "from-healthy",
    title: "the serving side answers",
    kind: "check",
    plan: (setup) => {
      const { from } = names(setup);
      return setup.mode === "planned"
        ? [`HTTPS GET ${from}'s healthUrl (from the drill output) must answer 2xx`]
        : [`HTTPS GET ${from}'s healthUrl: recorded, not required (an unplanned drill treats ${from} as lost)`];
    },
    run: async (ctx) => {
      const { cloud, targets } = cloudOf(ctx);
      const url = targets[ctx.setup.from].healthUrl;
      const result = await cloud.probe(url, ctx.timings.probeTimeoutMs);
      ctx.detail(`${url}: ${result.ok ? `HTTP ${result.status}` : result.error}`);
      if (!result.ok && ctx.setup.mode === "planned") throw new Error(`${url} is not healthy (${result.error}): a planned switchover starts from a healthy side`);
      return "done";
    },
  },
  {
    id: "stores",
    title: "the data stores replicate towards the new side",
    kind: "check",
    plan: (setup) => {
      const { from, to, toRegion, standbyRegion } = names(setup);
      const db = {
        "aurora-global": `RDS DescribeGlobalClusters (${standbyRegion}): ${from}'s cluster is the writer and the global cluster is available`,
        "rds-replica": `RDS DescribeDBInstances (${standbyRegion}): ${to}'s instance is a read replica of ${from}'s and available`,
        none: "no replicated database",
      }[setup.promote.database];
      const cache = {
        "global-datastore": `ElastiCache DescribeGlobalReplicationGroups (${standbyRegion}): ${from}'s group is the primary, every member associated`,
        "warm-empty": `ElastiCache DescribeReplicationGroups (${toRegion}): ${to}'s own cache is available`,
        none: "no cache",
      }[setup.promote.cache];
      if (setup.kind !== "failback") return [db, cache];
      const back = [
        `S3 GetBucketReplication (${standbyRegion}) of each replica bucket: its reverse rule into ${to}'s bucket is there and Enabled (platform:dr.replica.buckets[].replicateBack), so the files written in ${from} have reached ${to}`,
      ];
      if (setup.promote.database === "aurora-global") back.unshift(`the same DescribeGlobalClusters: ${to}'s cluster is a secondary member again (IsWriter false), re-seeded as a follower of ${from}'s`);
      if (setup.promote.database === "rds-replica") {
        const writer = `RDS DescribeDBInstances (${standbyRegion}): ${from}'s instance stands alone (the writer since the drill) and is available`;
        const follower = `RDS DescribeDBInstances (${toRegion}): ${to}'s instance is a read replica of ${from}'s (ReadReplicaSourceDBInstanceIdentifier = ${from}'s instance ARN) and available, as npm run reseed -- --from ${from} --to ${to} leaves it; otherwise the failback stops here and says to run it`;
        return [writer, follower, ...back, cache];
      }
      return [db, ...back, cache];
    },
    run: async (ctx) => {
      const { cloud } = cloudOf(ctx);
      const { from, to } = ctx.setup;
      if (ctx.setup.promote.database !== "none") {
        const db = await cloud.database();
        ctx.detail(`database: ${db.detail}`);
        if (db.writer !== from || !db.available) throw new Error(`the database is not ready to move: ${db.detail} (expected ${from} writing, available)`);
        if (ctx.setup.kind === "failback" && ctx.setup.promote.database === "aurora-global") requireFollower(ctx.setup, db);
        if (ctx.setup.kind === "failback" && ctx.setup.promote.database === "rds-replica") await requireRdsFollower(ctx);
      }
      if (ctx.setup.kind === "failback") await requireReverseReplication(ctx);
      if (ctx.setup.promote.cache === "global-datastore") {
        const cache = await cloud.cache();
        ctx.detail(`cache: ${cache.detail}`);
        if (cache.writer !== from || !cache.available) throw new Error(`the cache is not ready to move: ${cache.detail}`);
      } else if (ctx.setup.promote.cache === "warm-empty") {
        if (!(await cloud.cacheAvailable(to))) throw new Error(`${to}'s cache is not available`);
        ctx.detail(`cache: ${to}'s own cache is available`);
      }
      return "done";
    },
  },
  {
    id: "capacity",
    title: "the new side's compute is in place",
    kind: "check",
    plan: (setup) => {
      const { to, toRegion } = names(setup);
      const size = setup.kind === "drill" ? ` and wants at least ${setup.standbyTasksPerService} tasks each (platform:dr.standby.mode ${setup.standbyMode})` : "";
      if (setup[setup.to].config.compute?.engine === "eks") {
        const pods = setup.kind === "drill" ? ` and wants at least ${setup.standbyTasksPerService} pods each (platform:dr.standby.mode ${setup.standbyMode})` : "";
        return [`Kubernetes (${to}'s EKS cluster, ${toRegion}): every Deployment of ${to} exists${pods}`];
      }
      return [`ECS DescribeServices (${toRegion}): every service of ${to} is ACTIVE${size}`];
    },
    run: async (ctx) => {
      const { cloud } = cloudOf(ctx);
      const services = await cloud.services(ctx.setup.to);
      ctx.detail(services.map((s) => `${s.name} ${s.status} ${s.running}/${s.desired}`).join(", "));
      const missing = services.filter((s) => s.status !== "ACTIVE");
      if (missing.length > 0) throw new Error(`services not ACTIVE on the new side: ${missing.map((s) => `${s.name} (${s.status})`).join(", ")}`);
      if (ctx.setup.kind === "drill") {
        const expected = ctx.setup.standbyTasksPerService;
        // Fewer tasks than the posture means the standby was not rolled out; more (a warm standby
        // scaled out) only shortens the recovery.
        const short = services.filter((s) => s.desired < expected);
        if (short.length > 0) throw new Error(`standby services should run at least ${expected} tasks (${ctx.setup.standbyMode}): ${short.map((s) => `${s.name} wants ${s.desired}`).join(", ")}; roll the standby out first`);
      }
      return "done";
    },
  },
  {
    id: "lag",
    title: "replication lag under the RPO target",
    kind: "check",
    plan: (setup) => {
      const { to, toRegion } = names(setup);
      if (setup.promote.database === "none") return ["no replicated database: the RPO is not measured"];
      return [`CloudWatch GetMetricData (${toRegion}) AWS/RDS ${lagMetric[setup.promote.database]} of ${to}'s database: latest value under ${setup.targets.rpoMinutes} min`];
    },
    run: async (ctx) => {
      if (ctx.setup.promote.database === "none") return "skipped";
      const { cloud } = cloudOf(ctx);
      const lag = await cloud.replicationLagSeconds(ctx.setup.to);
      if (lag === undefined) throw new Error(`no ${lagMetric[ctx.setup.promote.database]} datapoint in the last 10 min: is the database replicating?`);
      // Kept for an unplanned drill whose fence cannot reach the serving region (its RPO).
      ctx.record.lastKnownLag = { seconds: lag, at: ctx.clock.now() };
      ctx.detail(`lag ${lag} s (target ${ctx.setup.targets.rpoMinutes * 60} s)`);
      if (lag > ctx.setup.targets.rpoMinutes * 60) throw new Error(`replication lag ${lag} s is over the RPO target of ${ctx.setup.targets.rpoMinutes} min`);
      return "done";
    },
  },
];

/**
 * A failback switches the Aurora global database back to the primary's cluster, which must be a
 * secondary again: following the standby's cluster, so the switchover loses nothing (its lag is the
 * next check, against the RPO). After a planned drill (SwitchoverGlobalCluster) it is one already.
 * After an unplanned one (FailoverGlobalCluster with AllowDataLoss), Aurora adds the old primary
 * back as a secondary once its region recovers, after snapshotting its unreplicated writes (Aurora
 * User Guide, "Recovering an Amazon Aurora global database from an unplanned outage"); until then,
 * or if it was detached, it is not a member, and the failback waits for the operator.
 */
function requireFollower(setup: DrillSetup, db: StoreState): void {
  const { from, to, fromRegion, toRegion } = names(setup);
  if (db.followers?.includes(setup.to)) return;
  throw new Error(
    `${to}'s cluster is not a secondary of the global database yet (${db.detail}): it must follow ${from}'s again before the failback. ` +
      `After an unplanned failover Aurora adds it back as a secondary once ${toRegion} recovers (aws rds describe-global-clusters --region ${fromRegion} shows it with IsWriter false); ` +
      `if it was removed from the global cluster, add a new secondary cluster in ${toRegion} (aws rds create-db-cluster --global-cluster-identifier ..., then import it into ${to}'s state), wait for its lag, and run the failback again`,
  );
}

/**
 * A failback of an RDS pair promotes the primary's instance, which must be a read replica of the
 * standby's (what `npm run reseed` makes it) and available; the old primary, standalone since the
 * drill, is refused with the command that re-seeds it.
 */
async function requireRdsFollower(ctx: StepContext): Promise<void> {
  const { cloud } = cloudOf(ctx);
  const { from, to } = names(ctx.setup);
  const [follower, source] = await Promise.all([cloud.dbInstance(ctx.setup.to), cloud.dbInstance(ctx.setup.from)]);
  const found = follower ? `${follower.identifier} ${follower.status}, ${follower.source ? `replica of ${follower.source}` : "standalone"}` : "no instance";
  ctx.detail(`${to}'s instance: ${found}`);
  if (!follower || !source || follower.source !== source.arn) throw new Error(rdsFollowerRefusal(to, from, found));
  if (follower.status !== "available") throw new Error(`${to}'s instance follows ${from}'s but is ${follower.status}, not available: wait for it (npm run reseed -- --from ${from} --to ${to} --resume waits) and run the failback again`);
}

/**
 * The files written in the standby while it served reach the primary through the reverse rule on
 * each replica; a failback without it would leave them behind. Checked on S3 itself, before
 * anything changes: a rule missing or disabled refuses the failback with what to do.
 */
async function requireReverseReplication(ctx: StepContext): Promise<void> {
  const { cloud, targets } = cloudOf(ctx);
  if (targets.files.length === 0) return;
  const { from, to } = names(ctx.setup);
  const off = replicateBackOff(ctx.setup);
  for (const [key, reason] of off) ctx.detail(`files ${key}: replicateBack is off (${reason}): objects written in ${from} stay there`);
  if (targets.files.every((f) => off.has(f.key))) return;
  const rules = (await cloud.reverseReplication()).filter((r) => !off.has(r.key));
  ctx.detail(`files back to ${to}: ${rules.map((r) => r.detail).join("; ")}`);
  const missing = rules.filter((r) => r.status !== "Enabled");
  if (missing.length === 0) return;
  throw new Error(
    `the files written in ${from} would not reach ${to}: ${missing.map((r) => r.detail).join("; ")}. ` +
      `Set platform:dr.replica.buckets[].replicateBack to true (its default) on ${from} and roll it out (npm run rollout -- --stacks ${from}); ` +
      `for a rule disabled by hand, enable it (aws s3api put-bucket-replication) or roll ${from} out again; objects written before the rule existed need S3 Batch Replication into ${to}'s bucket`,
  );
}
