import { strict as assert } from "assert";
import { loadPlatformConfig } from "../../config";
import { subscriptionFilterOverflows } from "../../model/observability/log-archive";
import { expectIssue, sectionOf, withSection } from "../helpers/config-issues";

/** The seed's archive lifecycle (CodeMate, 스토리지 3. Logs Archive: Glacier after 90 days, deleted after 1 year). */
const seedLifecycle = [{ id: "archive", transitions: [{ days: 90, storageClass: "GLACIER" }], expirationDays: 365, noncurrentExpirationDays: 1 }];

/** The root prod stack (ECS services frontend and backend; the database exports postgresql and upgrade) with this archive. */
function withArchive(archive: Record<string, unknown>): Record<string, string> {
  return withSection("prod", "platform:logs", { ...sectionOf<Record<string, unknown>>("prod", "platform:logs"), archive: { lifecycle: seedLifecycle, ...archive } });
}

describe("config: platform:logs.archive", () => {
  it("accepts service and database log groups and fills Firehose's buffering defaults", () => {
    const settings = loadPlatformConfig(withArchive({ logGroups: ["service:backend", "database:postgresql"] }));
    assert.deepEqual(settings.logs.archive, { logGroups: ["service:backend", "database:postgresql"], lifecycle: seedLifecycle, bufferSeconds: 300, bufferMb: 5 });
  });

  it("rejects a log group the stack does not create, naming what it has", () => {
    expectIssue(withArchive({ logGroups: ["service:worker"] }), "platform:logs.archive.logGroups[0]", /is not an ECS service of platform:compute.services \(allowed: service:frontend, service:backend\)/);
    expectIssue(withArchive({ logGroups: ["database:slowquery"] }), "platform:logs.archive.logGroups[0]", /is not a log type of platform:data.database.logExports \(allowed: database:postgresql, database:upgrade\)/);
  });

  it("rejects a reference of another form", () => {
    expectIssue(withArchive({ logGroups: ["/ecs/platform-prod/backend"] }), "platform:logs.archive.logGroups[0]", /must be service:<ECS service name> or database:<exported log type>/);
  });

  it("archives a log group once", () => {
    expectIssue(withArchive({ logGroups: ["service:backend", "service:frontend", "service:backend"] }), "platform:logs.archive.logGroups[2]", /archives service:backend again \(already logGroups\[0\]\): a log group is archived once/);
  });

  it("rejects lifecycle transitions out of order and an expiry that would leave noncurrent versions forever", () => {
    const backwards = [{ id: "archive", transitions: [{ days: 90, storageClass: "GLACIER" }, { days: 30, storageClass: "DEEP_ARCHIVE" }], expirationDays: 365, noncurrentExpirationDays: 1 }];
    expectIssue(withArchive({ logGroups: ["service:backend"], lifecycle: backwards }), "platform:logs.archive.lifecycle[0].transitions[1].days", /goes backwards: must be later than the previous transition \(day 90\)/);
    const keptForever = [{ id: "archive", transitions: [{ days: 90, storageClass: "GLACIER" }], expirationDays: 365 }];
    expectIssue(withArchive({ logGroups: ["service:backend"], lifecycle: keptForever }), "platform:logs.archive.lifecycle[0].noncurrentExpirationDays", /is required with expirationDays: the archive is versioned/);
  });

  it("rejects buffering hints outside Firehose's limits", () => {
    expectIssue(withArchive({ logGroups: ["service:backend"], bufferSeconds: 901 }), "platform:logs.archive.bufferSeconds", /must be at most 900/);
    expectIssue(withArchive({ logGroups: ["service:backend"], bufferMb: 0 }), "platform:logs.archive.bufferMb", /must be at least 1/);
    expectIssue(withArchive({ logGroups: ["service:backend"], bufferMb: 129 }), "platform:logs.archive.bufferMb", /must be at most 128/);
  });

  it("rejects an archive without log groups or lifecycle", () => {
    expectIssue(withArchive({ logGroups: [] }), "platform:logs.archive.logGroups", /needs at least one log group/);
    expectIssue(withArchive({ logGroups: ["service:backend"], lifecycle: [] }), "platform:logs.archive.lifecycle", /needs a lifecycle rule/);
  });

  describe("CloudWatch Logs' 2 subscription filters per log group", () => {
    it("passes two filters on a group and reports a third with every feature that puts one", () => {
      const filter = (owner: string) => ({ logGroup: "service:backend", owner });
      assert.deepEqual(subscriptionFilterOverflows([filter("logs.archive"), filter("other")]), []);
      assert.deepEqual(subscriptionFilterOverflows([filter("logs.archive"), filter("a"), filter("b"), { logGroup: "service:frontend", owner: "logs.archive" }]), [
        { logGroup: "service:backend", owners: ["logs.archive", "a", "b"] },
      ]);
    });
  });
});
