import { drillOutputName, engineOf, parseDrillTargets, serviceNamesOf } from "../targets";
import { cloudOf, DrillStep, names } from "./context";

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
      return [db, cache];
    },
    run: async (ctx) => {
      const { cloud } = cloudOf(ctx);
      const { from, to } = ctx.setup;
      if (ctx.setup.promote.database !== "none") {
        const db = await cloud.database();
        ctx.detail(`database: ${db.detail}`);
        if (db.writer !== from || !db.available) throw new Error(`the database is not ready to move: ${db.detail} (expected ${from} writing, available)`);
      }
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

