import { strict as assert } from "assert";
import { MockCloud } from "../../../offline/mock-cloud/cloud";

/**
 * The bucket facts a model reads are kept as registrations arrive (not rebuilt per registration):
 * a bucket or its versioning registered after a model last read them must still be seen.
 */
describe("mock cloud: the buckets a model reads, as they register", () => {
  const account = "123456789012";
  const register = (cloud: MockCloud, type: string, name: string, inputs: Record<string, unknown>) => cloud.newResource({ type, name, inputs, custom: true, provider: "" });
  const bucket = (cloud: MockCloud, name: string) => register(cloud, "aws:s3/bucket:Bucket", name, { bucket: name });
  const versioning = (cloud: MockCloud, name: string) =>
    register(cloud, "aws:s3/bucketVersioning:BucketVersioning", `${name}-versioning`, { bucket: name, versioningConfiguration: { status: "Enabled" } });
  const replicate = (cloud: MockCloud, source: string, replica: string) =>
    register(cloud, "aws:s3/bucketReplicationConfig:BucketReplicationConfig", `${source}-replication`, {
      bucket: source,
      role: `arn:aws:iam::${account}:role/replication`,
      rules: [{ id: "standby", status: "Enabled", priority: 1, filter: { prefix: "" }, deleteMarkerReplication: { status: "Enabled" }, destination: { bucket: `arn:aws:s3:::${replica}` } }],
    });

  it("sees a bucket and its versioning that registered after a model read the buckets", () => {
    const cloud = new MockCloud("ap-northeast-2", { accountId: account });
    bucket(cloud, "one");
    versioning(cloud, "one");
    bucket(cloud, "two");
    versioning(cloud, "two");
    assert.equal(replicate(cloud, "one", "two").id, "one");
    // Registered after that read: unversioned, so S3 refuses replication from it.
    bucket(cloud, "three");
    assert.throws(() => replicate(cloud, "three", "two"), /source bucket three is not versioned/);
    // Its versioning arrives: now S3 takes it.
    versioning(cloud, "three");
    assert.equal(replicate(cloud, "three", "two").id, "three");
  });
});
