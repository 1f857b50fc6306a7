import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot, stackFilePath } from "../../automation/plan/stack-file";
import { acknowledging, editing, updatePath } from "../helpers/update-path";

// Config edits of prod's data and storage settings, compared as `pulumi up` would apply them.
describe("update path: data and storage", () => {
  const prod = stackFilePath("prod");
  const cacheGroup = "platform-prod-cache-group";
  const downgradeCache = editing("data", (d) => {
    if (d.cache) d.cache.engineVersion = "7.0";
  });

  it("upgrades PostgreSQL in place: the protected instance is updated, its parameter group replaced", async () => {
    const { diff, lines } = await updatePath(
      prod,
      editing("data", (d) => {
        if (d.database) d.database.engineVersion = "17";
      }),
    );
    assert.deepEqual(diff.errors, [], lines.join("\n"));
    const instance = diff.updated.find((u) => u.type === "aws:rds/instance:Instance");
    assert.ok(instance?.protect, lines.join("\n"));
    assert.deepEqual(instance?.fields.map((f) => f.path), ["engineVersion", "parameterGroupName"]);
    assert.deepEqual(diff.replaced.map((r) => r.type), ["aws:rds/parameterGroup:ParameterGroup"], lines.join("\n"));
  });

  it("upgrades an Aurora cluster's major version in place: the cluster allows it in the same request, as RDS requires", async () => {
    // Aurora MySQL 3 is the only Aurora MySQL major config takes, so OpenMarket's prod on Aurora PostgreSQL.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aurora-major-"));
    const file = path.join(dir, "Pulumi.prod.yaml");
    const text = fs.readFileSync(path.join(repoRoot, "blueprints", "openmarket", "Pulumi.prod.yaml"), "utf8");
    fs.writeFileSync(file, text.replace("engine: aurora-mysql ", "engine: aurora-postgresql ").replace("engineVersion: 8.0.mysql_aurora.3.08.2", "engineVersion: \"16.6\"").replace("logExports: [audit, error, slowquery]", "logExports: [postgresql]"));
    try {
      const { diff, lines } = await updatePath(
        file,
        editing("data", (d) => {
          if (d.database) d.database.engineVersion = "17.4";
        }),
      );
      assert.deepEqual(diff.refused, [], lines.join("\n"));
      const cluster = diff.updated.find((u) => u.type === "aws:rds/cluster:Cluster");
      assert.ok(cluster?.fields.some((f) => f.path === "engineVersion"), lines.join("\n"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a cache engine downgrade, which replaces the protected replication group, without acknowledgement", async () => {
    const { diff, lines } = await updatePath(prod, downgradeCache);
    const group = diff.replaced.find((r) => r.name === cacheGroup);
    assert.match(group?.because.map((b) => b.rule).join("\n") ?? "", /ElastiCache cannot downgrade an engine in place \(engineVersionForceNewOnDowngrade\)/, lines.join("\n"));
    assert.deepEqual(diff.protectedChanges.map((c) => `${c.change} ${c.name} ${c.acknowledged}`), [`replace ${cacheGroup} false`]);
    assert.ok(diff.errors.some((e) => e.includes(`${cacheGroup} is protected and this change replaces it`)), lines.join("\n"));
  });

  it("accepts that replacement when platform:acknowledgedReplacements names the group, and lifts its protect for the update", async () => {
    const { diff, after, lines } = await updatePath(prod, acknowledging([cacheGroup], downgradeCache));
    assert.deepEqual(diff.errors, [], lines.join("\n"));
    assert.equal(after.resources.find((r) => r.name === cacheGroup)?.options.protect, false, "Pulumi replaces only an unprotected registration");
    assert.ok(after.resources.filter((r) => r.name !== cacheGroup && r.type === "aws:rds/instance:Instance").every((r) => r.options.protect), "only the named resource loses protect");
  });

  it("fails the render on an acknowledgement that names no protected resource", async () => {
    await assert.rejects(updatePath(prod, acknowledging(["platform-prod-cache-grop"])), /platform:acknowledgedReplacements: platform-prod-cache-grop is no protected resource of this stack/);
  });

  it("fails the render on a bare name two protected resources share, asking for <type>::<name>", async () => {
    await assert.rejects(updatePath(prod, acknowledging(["platform-prod-logs"])), /platform-prod-logs names 2 protected resources .*write one as <type>::<name>/);
  });

  it("changes bucket settings (lifecycle, versioning of a derived bucket) in place", async () => {
    const { diff, lines } = await updatePath(
      prod,
      editing("storage", (s) => {
        const files = s.buckets?.find((b) => b.name === "files");
        if (files?.lifecycle?.[0]?.transitions?.[0]) files.lifecycle[0].transitions[0].days = 45;
        const assets = s.buckets?.find((b) => b.name === "static");
        if (assets) assets.versioning = true;
      }),
    );
    assert.deepEqual(diff.errors, [], lines.join("\n"));
    assert.deepEqual(diff.replaced, [], lines.join("\n"));
    assert.deepEqual(diff.updated.map((u) => u.type).sort(), ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"], lines.join("\n"));
    assert.deepEqual(diff.created.map((c) => c.type), ["aws:s3/bucketVersioning:BucketVersioning"], lines.join("\n"));
  });

  describe("secret rotation on a deployed stack (issue 15, item 2)", () => {
    it("changes a rotation schedule in place: only the SecretRotation's rotationRules, no store or secret touched", async () => {
      const { diff, lines } = await updatePath(
        prod,
        editing("data", (d) => {
          if (d.database) Object.assign(d.database, { rotationDays: 7 });
        }),
      );
      assert.deepEqual(diff.errors, [], lines.join("\n"));
      assert.deepEqual(diff.replaced, [], lines.join("\n"));
      assert.deepEqual(
        diff.updated.map((u) => [u.type, u.fields.map((f) => f.path)]),
        [["aws:secretsmanager/secretRotation:SecretRotation", ["rotationRules.automaticallyAfterDays"]]],
        lines.join("\n"),
      );
    });

    it("starts rotating a deployed generated secret by creating its rotator; the secret and its value stay", async () => {
      const { diff, lines } = await updatePath(
        prod,
        editing("appSecrets", (secrets) => {
          Object.assign(secrets.nextauth, { rotationDays: 90 });
        }),
      );
      assert.deepEqual(diff.errors, [], lines.join("\n"));
      assert.deepEqual(diff.replaced, [], lines.join("\n"));
      assert.deepEqual(diff.updated, [], lines.join("\n"));
      assert.deepEqual(
        diff.created.map((c) => c.type).sort(),
        [
          "aws:cloudwatch/logGroup:LogGroup",
          "aws:iam/role:Role",
          "aws:iam/rolePolicy:RolePolicy",
          "aws:lambda/function:Function",
          "aws:lambda/permission:Permission",
          "aws:secretsmanager/secretRotation:SecretRotation",
        ],
        lines.join("\n"),
      );
    });
  });
});
