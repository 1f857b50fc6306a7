import { strict as assert } from "assert";
import { assertIssue, assertValid, configIssues, editSection, invalid, Present, SectionInput } from "../helpers/config";
import { stackConfig } from "../helpers/stacks";

type StorageInput = SectionInput<"storage">;
type BucketInput = NonNullable<StorageInput["buckets"]>[number];
type RuleInput = Present<NonNullable<BucketInput["lifecycle"]>[number], "transitions">;
/** prod's platform:storage as its stack file has it: the lists it sets are there. */
type ProdStorageInput = Present<StorageInput, "buckets" | "repositories"> & {
  logBucket: { lifecycle: RuleInput[] };
  buckets: (Present<BucketInput, "cors"> & { lifecycle: RuleInput[] })[];
};

const storage = (edit: (s: ProdStorageInput) => void) => editSection("prod", "storage", (s) => edit(s as ProdStorageInput));
const files = (edit: (bucket: ProdStorageInput["buckets"][number]) => void) => storage((s) => edit(s.buckets[0]));

describe("platform:storage config", () => {
  it("is required: every stack has a log bucket", () => {
    const config = stackConfig("prod");
    delete config["platform:storage"];
    assertIssue(configIssues(config), "platform:storage", "is required");
  });

  describe("lifecycle rules", () => {
    it("rejects transitions that go backwards, naming the transition", () => {
      const issues = configIssues(files((b) => (b.lifecycle[0].transitions[1].days = 20)));
      assertIssue(issues, "platform:storage.buckets[0].lifecycle[0].transitions[1].days", "goes backwards");
    });

    it("rejects a storage class that climbs back up the waterfall", () => {
      const issues = configIssues(files((b) => (b.lifecycle[0].transitions[2].storageClass = "STANDARD_IA")));
      assertIssue(issues, "platform:storage.buckets[0].lifecycle[0].transitions[2].storageClass", "cannot follow GLACIER_IR");
    });

    it("rejects Standard-IA before day 30 and leaving it within 30 days", () => {
      assertIssue(
        configIssues(files((b) => (b.lifecycle[0].transitions[0].days = 7))),
        "platform:storage.buckets[0].lifecycle[0].transitions[0].days",
        "no earlier than day 30",
      );
      assertIssue(
        configIssues(files((b) => (b.lifecycle[0].transitions[1].days = 45))),
        "platform:storage.buckets[0].lifecycle[0].transitions[1].days",
        "at least 30 days after the STANDARD_IA transition",
      );
    });

    it("checks the log bucket's rules too", () => {
      const issues = configIssues(storage((s) => (s.logBucket.lifecycle[0].expirationDays = 60)));
      assertIssue(issues, "platform:storage.logBucket.lifecycle[0].expirationDays", "must be later than the last transition (day 90)");
    });

    it("rejects an unknown storage class and a rule id used twice", () => {
      assertIssue(
        configIssues(files((b) => (b.lifecycle[0].transitions[0].storageClass = invalid("COLD")))),
        "platform:storage.buckets[0].lifecycle[0].transitions[0].storageClass",
        "allowed: STANDARD_IA, INTELLIGENT_TIERING, ONEZONE_IA, GLACIER_IR, GLACIER, DEEP_ARCHIVE",
      );
      assertIssue(configIssues(files((b) => b.lifecycle.push({ ...b.lifecycle[0] }))), "platform:storage.buckets[0].lifecycle[1].id", "is used twice");
    });
  });

  describe("bucket names", () => {
    it("rejects a key S3 would reject once prefixed: too long", () => {
      const issues = configIssues(files((b) => (b.name = "user-uploaded-files-archive")));
      assertIssue(
        issues,
        "platform:storage.buckets[0].name",
        "gives bucket name platform-prod-user-uploaded-files-archive-<account-id>-ap-northeast-2, which is 69 characters; S3 allows 3-63",
      );
    });

    it("rejects a project S3 reserves as a prefix", () => {
      const config = { ...stackConfig("prod"), "platform:project": "xn--shop" };
      const issues = configIssues(config);
      // The project makes every bucket name invalid: one issue at the field at fault, naming them.
      assert.deepEqual(issues.map((i) => i.path), ["platform:project"], JSON.stringify(issues));
      assert.match(issues[0].message, /platform:storage\.buckets\[0\]\.name/);
    });

    it("rejects dots and capitals in a key, the log bucket's key and a key used twice", () => {
      assertIssue(configIssues(files((b) => (b.name = "user.files"))), "platform:storage.buckets[0].name", "a-z, 0-9 and '-'");
      assertIssue(configIssues(files((b) => (b.name = "logs"))), "platform:storage.buckets[0].name", "is the stack's log bucket");
      assertIssue(configIssues(storage((s) => (s.buckets[1].name = "files"))), "platform:storage.buckets[1].name", "is used twice");
    });
  });

  describe("replication and backup flags", () => {
    it("need versioning, as S3 replication and AWS Backup do", () => {
      const issues = configIssues(storage((s) => Object.assign(s.buckets[1], { replicate: true, backup: true })));
      assertIssue(issues, "platform:storage.buckets[1].replicate", "needs versioning: true");
      assertIssue(issues, "platform:storage.buckets[1].backup", "AWS Backup protects versioned buckets only");
    });

    it("needs SSE-KMS on a replicated bucket, which the standby re-encrypts with its own key", () => {
      const issues = configIssues(files((b) => Object.assign(b, { replicate: true, encryption: "s3" })));
      assert.deepEqual(issues.map((i) => i.path), ["platform:storage.buckets[0].encryption"]);
      assertIssue(issues, "platform:storage.buckets[0].encryption", "must be kms for a replicated bucket (replicate: true)");
      assert.deepEqual(configIssues(files((b) => Object.assign(b, { replicate: false, encryption: "s3" }))), []);
    });

    it("rejects noncurrent-version expiry on an unversioned bucket", () => {
      const issues = configIssues(files((b) => (b.versioning = false)));
      assertIssue(issues, "platform:storage.buckets[0].lifecycle[0].noncurrentExpirationDays", "applies to versioned buckets only");
    });
  });

  describe("CORS and repositories", () => {
    it("rejects a plain-HTTP origin", () => {
      const issues = configIssues(files((b) => (b.cors[0].allowedOrigins = ["http://codemate.code1398.io"])));
      assertIssue(issues, "platform:storage.buckets[0].cors[0].allowedOrigins[0]", "must be an https:// origin");
    });

    it("rejects a repository used twice and a namespace ECR rejects", () => {
      assertIssue(configIssues(storage((s) => (s.repositories[1].name = "frontend"))), "platform:storage.repositories[1].name", "is used twice");
      assertIssue(configIssues(storage((s) => (s.repositoryNamespace = "Platform_Prod"))), "platform:storage.repositoryNamespace", "lower-case");
    });

    it("rejects a compute service whose image or bucket grant names no storage key", () => {
      const config = stackConfig("prod");
      config["platform:compute"] = JSON.stringify({
        engine: "ecs",
        services: [
          {
            name: "backend",
            port: 3001,
            image: { repository: "api" },
            cpuUnits: 1024,
            memoryMb: 2048,
            healthCheckPath: "/health",
            scaling: { min: 1, desired: 1, max: 2 },
            permissions: { buckets: [{ bucket: "uploads", access: "readwrite" }] },
          },
        ],
      });
      const issues = configIssues(config);
      assertIssue(issues, "platform:compute.services[0].image.repository", "is not a repository of storage.repositories (have: frontend, backend)");
      assertIssue(issues, "platform:compute.services[0].permissions.buckets[0].bucket", "is not a bucket of storage.buckets (have: files, static)");
    });
  });

  it("accepts seed 003's audio bucket: Glacier at 30 days, deleted at 90", () => {
    assertValid(
      storage((s) =>
        s.buckets.push({ name: "audio", versioning: false, lifecycle: [{ id: "archive", transitions: [{ days: 30, storageClass: "GLACIER" }], expirationDays: 90 }] }),
      ),
    );
  });
});
