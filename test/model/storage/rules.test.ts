import { strict as assert } from "assert";
import { lifecycleRuleProblems } from "../../../model/storage/lifecycle";
import { bucketNameProblems, repositoryNameProblem } from "../../../model/storage/naming";
import { keepLastImagesPolicy } from "../../../components/storage/repository";

describe("storage rules", () => {
  describe("lifecycle", () => {
    it("accepts the seeds' rules", () => {
      const seed001Files = { id: "tiering", transitions: [{ days: 30, storageClass: "STANDARD_IA" as const }, { days: 90, storageClass: "GLACIER_IR" as const }, { days: 365, storageClass: "DEEP_ARCHIVE" as const }] };
      const seed003Audio = { id: "audio", transitions: [{ days: 30, storageClass: "GLACIER" as const }], expirationDays: 90 };
      const seed001Logs = { id: "archive", transitions: [{ days: 90, storageClass: "GLACIER" as const }], expirationDays: 365 };
      for (const rule of [seed001Files, seed003Audio, seed001Logs]) assert.deepEqual(lifecycleRuleProblems(rule), [], rule.id);
    });

    it("rejects transitions that go back in time or up the waterfall", () => {
      const problems = lifecycleRuleProblems({ id: "x", transitions: [{ days: 90, storageClass: "GLACIER" }, { days: 60, storageClass: "STANDARD_IA" }] });
      assert.deepEqual(
        problems.map((p) => [p.path.join("."), p.message.split(":")[0]]),
        [
          ["transitions.1.days", "goes backwards"],
          ["transitions.1.storageClass", "cannot follow GLACIER"],
        ],
      );
    });

    it("enforces S3's 30-day minimums around infrequent access", () => {
      const early = lifecycleRuleProblems({ id: "x", transitions: [{ days: 10, storageClass: "STANDARD_IA" }] });
      assert.deepEqual(early.map((p) => p.path.join(".")), ["transitions.0.days"]);
      assert.match(early[0].message, /no earlier than day 30/);
      const quickExit = lifecycleRuleProblems({ id: "x", transitions: [{ days: 30, storageClass: "STANDARD_IA" }, { days: 45, storageClass: "GLACIER" }] });
      assert.deepEqual(quickExit.map((p) => p.path.join(".")), ["transitions.1.days"]);
      assert.match(quickExit[0].message, /at least 30 days after the STANDARD_IA transition \(day 30\)/);
    });

    it("rejects One Zone-IA to Glacier Instant Retrieval, the waterfall's one gap", () => {
      const problems = lifecycleRuleProblems({ id: "x", transitions: [{ days: 30, storageClass: "ONEZONE_IA" }, { days: 90, storageClass: "GLACIER_IR" }] });
      assert.deepEqual(problems.map((p) => p.path.join(".")), ["transitions.1.storageClass"]);
    });

    it("rejects an expiration before the last transition and a rule that does nothing", () => {
      const expiry = lifecycleRuleProblems({ id: "x", transitions: [{ days: 90, storageClass: "GLACIER" }], expirationDays: 90 });
      assert.deepEqual(expiry.map((p) => [p.path.join("."), p.message]), [["expirationDays", "must be later than the last transition (day 90)"]]);
      assert.match(lifecycleRuleProblems({ id: "x", transitions: [] })[0].message, /does nothing/);
    });
  });

  describe("names", () => {
    it("accepts the platform's bucket names and rejects what S3 would", () => {
      assert.deepEqual(bucketNameProblems("platform-prod-files-123456789012-ap-northeast-2"), []);
      assert.deepEqual(bucketNameProblems(`${"a".repeat(60)}-1234`), ["is 65 characters; S3 allows 3-63"]);
      assert.match(bucketNameProblems("shop.files-1")[0], /no dots/);
      assert.match(bucketNameProblems("xn--shop-files")[0], /must not start with 'xn--'/);
      assert.match(bucketNameProblems("shop-files-s3alias")[0], /must not end with '-s3alias'/);
    });

    it("checks ECR's repository grammar", () => {
      assert.equal(repositoryNameProblem("platform-prod/frontend"), undefined);
      assert.match(repositoryNameProblem("platform--prod/frontend") ?? "", /not an ECR repository name/);
    });
  });

  it("keeps the last N images, tagged or not (seed 001: 10)", () => {
    assert.deepEqual(JSON.parse(keepLastImagesPolicy(10)), {
      rules: [{ rulePriority: 1, description: "Keep the last 10 images", selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 10 }, action: { type: "expire" } }],
    });
  });
});
