import { strict as assert } from "assert";
import { assertIssue, assertValid, configIssues, editSection, invalid, SectionInput } from "../helpers/config";
import { auroraMysql, auroraPostgresGlobal, postgres, PostgresInput, withDatabase } from "../helpers/data-variants";
import { stackConfig } from "../helpers/stacks";

const database = (edit: (db: PostgresInput) => void) => editSection("prod", "data", (data) => edit(postgres(data.database)));
const cache = (edit: (c: SectionInput<"data">["cache"]) => void) => editSection("prod", "data", (data) => edit(data.cache));

describe("platform:data config", () => {
  describe("valid configs", () => {
    it("accepts every stack file, and prod-dr without a data section", () => {
      for (const stack of ["dev", "staging", "prod", "prod-dr"] as const) assertValid(stackConfig(stack));
      assert.equal(stackConfig("prod-dr")["platform:data"], undefined);
    });

    it("accepts seed 004's Aurora MySQL and seed 003's Aurora PostgreSQL global database", () => {
      assertValid(withDatabase("prod", auroraMysql));
      assertValid(withDatabase("prod", auroraPostgresGlobal));
    });
  });

  describe("engine", () => {
    it("rejects an unknown engine, listing the three it knows", () => {
      const issues = configIssues(database((db) => (db.engine = invalid("mariadb"))));
      assertIssue(issues, "platform:data.database.engine", "is not allowed (allowed: postgres, aurora-postgresql, aurora-mysql)");
    });

    it("rejects a setting of another engine, naming the engines that have it and this engine's own settings", () => {
      const issues = configIssues(database((db) => Object.assign(db, { readers: [{ name: "a" }] })));
      assertIssue(issues, "platform:data.database.readers", "applies only with engine aurora-postgresql or aurora-mysql, not postgres (allowed with postgres: engine, engineVersion");
      assert.ok(issues[0].message.includes("readReplicas"), issues[0].message);
    });

    it("rejects an engine version of another engine", () => {
      const issues = configIssues(withDatabase("prod", { ...auroraMysql, engineVersion: "16.6" }));
      assertIssue(issues, "platform:data.database.engineVersion", "Aurora MySQL 3 version");
    });
  });

  describe("instance class", () => {
    it("rejects db.t4g.micro for Aurora, which starts at medium", () => {
      const issues = configIssues(withDatabase("prod", { ...auroraMysql, instanceClass: "db.t4g.micro" }));
      assertIssue(issues, "platform:data.database.instanceClass", "does not fit aurora-mysql (allowed: db.{t3,t4g}.{medium,large}");
    });

    it("rejects a general-purpose class for Aurora and an unknown class for PostgreSQL", () => {
      assertIssue(configIssues(withDatabase("prod", { ...auroraMysql, instanceClass: "db.m6g.large" })), "platform:data.database.instanceClass", "does not fit aurora-mysql");
      assertIssue(configIssues(database((db) => (db.instanceClass = "db.t4g.huge"))), "platform:data.database.instanceClass", "does not fit postgres");
    });

    it("checks a reader's and a replica's own class", () => {
      const reader = configIssues(withDatabase("prod", { ...auroraMysql, readers: [{ name: "replica", instanceClass: "db.t3.small" }] }));
      assertIssue(reader, "platform:data.database.readers[0].instanceClass", "does not fit aurora-mysql");
      const replica = configIssues(database((db) => (db.readReplicas = [{ name: "reporting", instanceClass: "cache.t4g.small" }])));
      assertIssue(replica, "platform:data.database.readReplicas[0].instanceClass", "does not fit postgres");
    });

    it("rejects burstable classes in an Aurora global database", () => {
      const issues = configIssues(withDatabase("prod", { ...auroraPostgresGlobal, instanceClass: "db.t4g.medium" }));
      assertIssue(issues, "platform:data.database.instanceClass", "an Aurora global database needs db.r* or db.x2g");
    });
  });

  describe("credential rotation (issue 15; Onno, seed 003, section 5-4: the password every 30 days)", () => {
    it("rotates the database and the cache every 30 days unless the stack says otherwise", () => {
      assertValid(database((db) => Object.assign(db, { rotationDays: 1 })));
      assertValid(database((db) => Object.assign(db, { rotationDays: 365 })));
    });

    it("rejects a schedule shorter than a day or longer than a year, naming the field", () => {
      assertIssue(configIssues(database((db) => Object.assign(db, { rotationDays: 0 }))), "platform:data.database.rotationDays", "must be 1-365 days");
      assertIssue(configIssues(database((db) => Object.assign(db, { rotationDays: 366 }))), "platform:data.database.rotationDays", "must be 1-365 days");
      assertIssue(configIssues(database((db) => Object.assign(db, { rotationDays: 1.5 }))), "platform:data.database.rotationDays", "whole number of days");
      assertIssue(configIssues(cache((c) => Object.assign(c, { rotationDays: 400 }))), "platform:data.cache.rotationDays", "must be 1-365 days");
    });

    it("rejects an application secret's rotation or reminder outside a day to a year, and a rotation of an external key", () => {
      const secrets = (edit: (s: Record<string, Record<string, unknown>>) => void) => editSection("prod", "appSecrets", (s) => edit(s as unknown as Record<string, Record<string, unknown>>));
      assertIssue(configIssues(secrets((s) => Object.assign(s.nextauth, { rotationDays: 0 }))), "platform:appSecrets.nextauth.rotationDays", "must be 1-365 days");
      assertIssue(configIssues(secrets((s) => Object.assign(s.anthropic, { maxAgeDays: 1000 }))), "platform:appSecrets.anthropic.maxAgeDays", "must be 1-365 days");
      // An external key only its vendor can issue: the platform cannot rotate it.
      assertIssue(configIssues(secrets((s) => Object.assign(s.anthropic, { rotationDays: 90 }))), "platform:appSecrets.anthropic.rotationDays", "applies only with source generated");
      assertValid(secrets((s) => Object.assign(s.nextauth, { rotationDays: 90 })));
    });
  });

  describe("storage, backups and windows", () => {
    it("rejects a storage ceiling at or below the allocated storage", () => {
      assertIssue(configIssues(database((db) => (db.maxStorageGb = 50))), "platform:data.database.maxStorageGb", "must be more than storageGb (50)");
    });

    it("rejects 0 backup days, which would turn automated backups off", () => {
      assertIssue(configIssues(database((db) => (db.backupRetentionDays = 0))), "platform:data.database.backupRetentionDays", "0 would turn automated backups off");
    });

    it("rejects a maintenance window that overlaps the backup window", () => {
      const issues = configIssues(database((db) => (db.maintenanceWindow = "tue:03:30-tue:04:30")));
      assertIssue(issues, "platform:data.database.maintenanceWindow", "overlaps backupWindow 03:00-04:00");
    });

    it("finds the overlap of a window that crosses midnight and the week's end", () => {
      const issues = configIssues(
        database((db) => {
          db.backupWindow = "23:30-00:30";
          db.maintenanceWindow = "sun:00:00-sun:01:00";
        }),
      );
      assertIssue(issues, "platform:data.database.maintenanceWindow", "overlaps backupWindow 23:30-00:30");
    });

    it("rejects malformed and too short windows", () => {
      assertIssue(configIssues(database((db) => (db.backupWindow = "3:00-4:00"))), "platform:data.database.backupWindow", "must be hh24:mi-hh24:mi");
      assertIssue(configIssues(database((db) => (db.maintenanceWindow = "mon:04:00-mon:04:20"))), "platform:data.database.maintenanceWindow", "at least 30 minutes");
      assertIssue(configIssues(cache((c) => (c.snapshotWindow = "03:00-03:30"))), "platform:data.cache.snapshotWindow", "at least 60 minutes");
    });

    it("rejects a Performance Insights retention it does not sell", () => {
      assertIssue(configIssues(database((db) => (db.performanceInsightsRetentionDays = 30))), "platform:data.database.performanceInsightsRetentionDays", "7 or a multiple of 31");
    });

    it("rejects a log type the engine does not export", () => {
      assertIssue(configIssues(database((db) => (db.logExports = ["postgresql", "slowquery"]))), "platform:data.database.logExports[1]", "allowed: postgresql, upgrade");
    });
  });

  describe("names and parameters", () => {
    it("refuses to let config switch TLS off", () => {
      const issues = configIssues(database((db) => (db.parameters = { "rds.force_ssl": "0" })));
      assertIssue(issues, "platform:data.database.parameters.rds.force_ssl", "TLS is always required");
      const mysql = configIssues(withDatabase("prod", { ...auroraMysql, parameters: { require_secure_transport: "OFF" } }));
      assertIssue(mysql, "platform:data.database.parameters.require_secure_transport", "TLS is always required");
    });

    it("rejects reserved database and user names", () => {
      assertIssue(configIssues(database((db) => (db.databaseName = "postgres"))), "platform:data.database.databaseName", "reserved by postgres");
      assertIssue(configIssues(database((db) => (db.masterUsername = "rdsadmin"))), "platform:data.database.masterUsername", "reserved by RDS");
    });

    it("rejects replica and reader names used twice, and a reader outside the stack's zones", () => {
      assertIssue(
        configIssues(database((db) => (db.readReplicas = [{ name: "reporting", instanceClass: "db.t4g.small" }, { name: "reporting", instanceClass: "db.t4g.small" }]))),
        "platform:data.database.readReplicas[1].name",
        "is used twice",
      );
      const zone = configIssues(withDatabase("prod", { ...auroraMysql, readers: [{ name: "b", availabilityZone: "ap-northeast-2b" }] }));
      assertIssue(zone, "platform:data.database.readers[0].availabilityZone", "allowed: ap-northeast-2a, ap-northeast-2c");
    });

    it("rejects a project and environment too long for an ElastiCache replication group id", () => {
      const config = { ...stackConfig("prod"), "platform:project": "codemate-collaboration", "platform:environment": "production-main" };
      // Other names are too long as well: the issue is the project's, naming the cache.
      assertIssue(configIssues(config), "platform:project", "platform:data.cache");
      assertIssue(configIssues(config), "platform:project", "is 44 characters; ElastiCache allows 40");
    });
  });

  describe("Aurora reader autoscaling", () => {
    it("rejects a minimum above the maximum and a maximum below the configured readers", () => {
      const inverted = configIssues(withDatabase("prod", { ...auroraPostgresGlobal, readerAutoscaling: { minReaders: 3, maxReaders: 2 } }));
      assertIssue(inverted, "platform:data.database.readerAutoscaling.minReaders", "must not exceed maxReaders (2)");
      const readers = [{ name: "a" }, { name: "b" }, { name: "c" }];
      const below = configIssues(withDatabase("prod", { ...auroraPostgresGlobal, readers, readerAutoscaling: { minReaders: 1, maxReaders: 2 } }));
      assertIssue(below, "platform:data.database.readerAutoscaling.maxReaders", "at least the 3 configured readers");
    });

    it("rejects a minimum of zero readers, where reader CPU cannot be measured", () => {
      const issues = configIssues(withDatabase("prod", { ...auroraPostgresGlobal, readerAutoscaling: { minReaders: 0, maxReaders: 2 } }));
      assertIssue(issues, "platform:data.database.readerAutoscaling.minReaders", "reader CPU is only measured when a reader exists");
    });
  });

  describe("cache", () => {
    it("rejects replicas on a single-node cache", () => {
      const issues = configIssues(editSection("dev", "data", (data) => (data.cache.replicasPerShard = 1)));
      assertIssue(issues, "platform:data.cache.replicasPerShard", "a single-node cache has no replicas");
    });

    it("rejects a replicated cache without replicas and shards outside cluster mode", () => {
      const replicated = configIssues(
        cache((c) => {
          c.mode = "replicated";
          c.replicasPerShard = 0;
        }),
      );
      assertIssue(replicated, "platform:data.cache.replicasPerShard", "needs 1-5 replicas");
      const sharded = configIssues(
        cache((c) => {
          c.mode = "replicated";
          c.shards = 2;
        }),
      );
      assertIssue(sharded, "platform:data.cache.shards", "only cluster mode has more than one shard");
    });

    it("rejects an unknown mode and an old node type", () => {
      assertIssue(configIssues(cache((c) => (c.mode = invalid("sharded")))), "platform:data.cache.mode", "allowed: single-node, replicated, cluster");
      assertIssue(configIssues(cache((c) => (c.nodeType = "cache.t2.micro"))), "platform:data.cache.nodeType", "current-generation");
    });
  });

  it("reports every problem of a config at once", () => {
    const config = editSection("prod", "data", (data) => {
      const database = postgres(data.database);
      database.maxStorageGb = 10;
      database.maintenanceWindow = "mon:03:00-mon:04:00";
      data.cache.mode = "single-node";
    });
    const paths = configIssues(config).map((i) => i.path).sort();
    assert.deepEqual(paths, ["platform:data.cache.replicasPerShard", "platform:data.database.maintenanceWindow", "platform:data.database.maxStorageGb"]);
  });
});
