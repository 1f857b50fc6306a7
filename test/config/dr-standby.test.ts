import { strict as assert } from "assert";
import { loadPlatformConfig } from "../../config";
import { assertIssue, configIssues, editSection, Present, remove, StandbyDrInput } from "../helpers/config";
import { stackConfig } from "../helpers/stacks";

type AuroraReplicaInput = Present<Extract<StandbyDrInput["replica"]["database"], { engine: "aurora-postgresql" }>, "readers">;

/** prod-dr's config with its platform:dr changed. */
const withDr = (edit: (dr: StandbyDrInput) => void) => editSection("prod-dr", "dr", (dr) => edit(dr as StandbyDrInput));
const auroraReplica: AuroraReplicaInput = {
  engine: "aurora-postgresql",
  engineVersion: "16.6",
  instanceClass: "db.r6g.large",
  readers: [{ name: "replica" }],
  backupRetentionDays: 7,
  backupWindow: "03:00-04:00",
  maintenanceWindow: "mon:04:00-mon:05:00",
};

describe("config: a standby's replicas and failover (platform:dr)", () => {
  it("accepts prod-dr as its stack file has it, and its services' references to the copies", () => {
    assert.deepEqual(configIssues(stackConfig("prod-dr")), []);
    const config = loadPlatformConfig(stackConfig("prod-dr"));
    assert.equal(config.dr?.replica?.database?.engine, "postgres");
    assert.equal(config.compute?.services[1].permissions.buckets[0].bucket, "files");
  });

  it("refuses a global datastore: the dr tier builds the warm-empty cache only", () => {
    const issues = configIssues(withDr((dr) => (dr.promote.cache = "global-datastore")));
    assertIssue(issues, "platform:dr.promote.cache", "is not built by the dr tier: use warm-empty");
    assertIssue(issues, "platform:dr.replica.cache", "is set, but promote.cache is global-datastore");
  });

  it("needs the replica's database settings with a promoted database, and none without", () => {
    assertIssue(configIssues(withDr((dr) => remove(dr.replica, "database"))), "platform:dr.replica.database", "is required with promote.database rds-replica");
    assertIssue(configIssues(withDr((dr) => (dr.promote.database = "none"))), "platform:dr.replica.database", "is set, but promote.database is none");
    assertIssue(configIssues(withDr((dr) => (dr.promote.database = "aurora-global"))), "platform:dr.replica.database.engine", "does not fit promote.database aurora-global (allowed: aurora-postgresql, aurora-mysql)");
    assertIssue(configIssues(withDr((dr) => (dr.replica.database = auroraReplica))), "platform:dr.replica.database.engine", "does not fit promote.database rds-replica (allowed: postgres)");
  });

  it("holds the replica's database to the rules of a database: windows apart, TLS the platform's, no burstable Aurora secondary", () => {
    assertIssue(configIssues(withDr((dr) => (dr.replica.database.maintenanceWindow = "tue:03:30-tue:04:30"))), "platform:dr.replica.database.maintenanceWindow", "overlaps backupWindow 03:00-04:00");
    assertIssue(configIssues(withDr((dr) => (dr.replica.database.parameters = { "rds.force_ssl": "0" }))), 'platform:dr.replica.database.parameters.rds.force_ssl', "is set by the platform to 1");
    assertIssue(configIssues(withDr((dr) => (dr.replica.database.instanceClass = "db.x9.huge"))), "platform:dr.replica.database.instanceClass", "does not fit postgres");
    const aurora = (change: (database: AuroraReplicaInput) => void) =>
      withDr((dr) => {
        dr.promote.database = "aurora-global";
        const database = { ...auroraReplica, readers: [...auroraReplica.readers] };
        dr.replica.database = database;
        change(database);
      });
    assert.deepEqual(configIssues(aurora(() => undefined)), []);
    assertIssue(configIssues(aurora((db) => (db.instanceClass = "db.t4g.medium"))), "platform:dr.replica.database.instanceClass", "is burstable: an Aurora global database needs db.r* or db.x2g classes");
    assertIssue(configIssues(aurora((db) => db.readers.push({ name: "replica" }))), "platform:dr.replica.database.readers[1].name", "is used twice");
    assertIssue(configIssues(aurora((db) => (db.readers[0].availabilityZone = "ap-northeast-2a"))), "platform:dr.replica.database.readers[0].availabilityZone", "is not one of the stack's zones (allowed: ap-northeast-1a, ap-northeast-1c)");
    assertIssue(configIssues(aurora((db) => Object.assign(db, { multiAz: true }))), "platform:dr.replica.database.multiAz", "applies only with engine postgres, not aurora-postgresql");
  });

  it("needs the standby cache's settings with warm-empty, and holds them to a cache's rules", () => {
    assertIssue(configIssues(withDr((dr) => remove(dr.replica, "cache"))), "platform:dr.replica.cache", "is required with promote.cache warm-empty");
    assertIssue(configIssues(withDr((dr) => (dr.promote.cache = "none"))), "platform:dr.replica.cache", "is set, but promote.cache is none");
    assertIssue(configIssues(withDr((dr) => Object.assign(dr.replica.cache, { mode: "single-node" }))), "platform:dr.replica.cache.replicasPerShard", "a single-node cache has no replicas");
    assertIssue(configIssues(withDr((dr) => (dr.replica.cache.maintenanceWindow = "mon:10:00-mon:10:30"))), "platform:dr.replica.cache.maintenanceWindow", "must last at least 60 minutes");
  });

  it("replicates each bucket back by default, and turns that off only with a reason (issue 16, item 5)", () => {
    assert.equal(loadPlatformConfig(stackConfig("prod-dr")).dr?.replica?.buckets[0].replicateBack, undefined, "on by default");
    assertIssue(configIssues(withDr((dr) => Object.assign(dr.replica.buckets[0], { replicateBack: false }))), "platform:dr.replica.buckets[0].replicateBackOffReason", "is required when replicateBack is false");
    const off = withDr((dr) => Object.assign(dr.replica.buckets[0], { replicateBack: false, replicateBackOffReason: "thumbnails only: regenerated from the database after a failback" }));
    assert.deepEqual(configIssues(off), []);
    assertIssue(configIssues(withDr((dr) => Object.assign(dr.replica.buckets[0], { replicateBackOffReason: "not needed" }))), "platform:dr.replica.buckets[0].replicateBackOffReason", "is set, but replicateBack is not false");
    assertIssue(configIssues(withDr((dr) => Object.assign(dr.replica.buckets[0], { replicateBack: false, replicateBackOffReason: "short" }))), "platform:dr.replica.buckets[0].replicateBackOffReason", "at least 10");
  });

  it("names each replicated bucket once, apart from the stack's own buckets, with a valid lifecycle", () => {
    assertIssue(configIssues(withDr((dr) => dr.replica.buckets.push({ name: "files" }))), "platform:dr.replica.buckets[1].name", "is listed twice");
    assertIssue(configIssues(withDr((dr) => dr.replica.buckets.push({ name: "static" }))), "platform:dr.replica.buckets[1].name", "is also a bucket of storage.buckets");
    assertIssue(
      configIssues(withDr((dr) => (dr.replica.buckets[0].lifecycle = [{ id: "a", transitions: [{ days: 10, storageClass: "STANDARD_IA" }] }]))),
      "platform:dr.replica.buckets[0].lifecycle[0].transitions[0].days",
      "30",
    );
    assertIssue(configIssues(withDr((dr) => (dr.replica.buckets[0].name = "Files"))), "platform:dr.replica.buckets[0].name", "must be a bucket key");
  });

  it("puts the failover name in the edge's zone, apart from the stack's own names, and needs the stack's ALB", () => {
    assertIssue(configIssues(withDr((dr) => (dr.failover.domainName = "api.example.org"))), "platform:dr.failover.domainName", "is not in the hosted zone example.com (platform:edge.zone)");
    assertIssue(configIssues(withDr((dr) => (dr.failover.domainName = "platform-dr.example.com"))), "platform:dr.failover.domainName", "is one of this stack's own edge names");
    const noEdge = stackConfig("prod-dr");
    delete noEdge["platform:edge"];
    assertIssue(configIssues(noEdge), "platform:dr.failover", "needs this stack's own ALB");
  });

  it("takes the primary's organization and project, each a name", () => {
    assert.deepEqual(configIssues(withDr((dr) => Object.assign(dr, { primaryOrganization: "acme", primaryProject: "aws-platform" }))), []);
    assertIssue(configIssues(withDr((dr) => (dr.primaryOrganization = "a/b"))), "platform:dr.primaryOrganization", "must be 1-100 characters");
  });

  it("lets a standby's services use the copies only when the dr tier builds them", () => {
    // The services name ${database.host} and ${cache.host}: both copies must be built.
    const noDatabase = configIssues(
      withDr((dr) => {
        dr.promote.database = "none";
        remove(dr.replica, "database");
      }),
    );
    assertIssue(noDatabase, "platform:compute.services[1].environment.DATABASE_HOST", "needs platform:data");
    const noCache = configIssues(
      withDr((dr) => {
        dr.promote.cache = "none";
        remove(dr.replica, "cache");
      }),
    );
    assertIssue(noCache, "platform:compute.services[1].environment.REDIS_HOST", "needs platform:data");
    const noBucket = configIssues(withDr((dr) => (dr.replica.buckets = [])));
    // The environment's ${bucket.files} is folded into the first reference to the missing bucket.
    assertIssue(noBucket, "platform:compute.services[1].permissions.buckets[0].bucket", "is not a bucket of storage.buckets (have: static) (and 1 more reference to it)");
  });
});
