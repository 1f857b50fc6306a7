import { strict as assert } from "assert";
import { T } from "../../../policies/lib/types";
import { secretRotation } from "../../../policies/rules/secret-rotation";
import { res, urnOf, validateStack } from "../../helpers/policy";

const password = urnOf("random:index/randomPassword:RandomPassword", "db-password");
const secretArn = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:db-AbCdEf";

/** A database whose password comes from `password`, and the secret whose version holds it. */
function credentials(rotation?: Record<string, unknown>) {
  const db = res(T.rdsInstance, "db", { engine: "postgres", password: "s3cr3t-value" }, { propertyDependencies: { password: [password] } });
  const secret = res(T.secret, "db-secret", { id: secretArn, arn: secretArn });
  const version = res(T.secretVersion, "db-secret-value", { secretId: secretArn, secretString: "{}" }, { propertyDependencies: { secretId: [secret.urn], secretString: [password, db.urn] } });
  const rotations = rotation ? [res(T.secretRotation, "db-rotation", { secretId: secretArn, ...rotation }, { propertyDependencies: { secretId: [secret.urn] } })] : [];
  return { db, secret, resources: [db, secret, version, ...rotations] };
}

describe("policy: secret-rotation", () => {
  it("passes credentials in a secret that rotates within 90 days, RDS-managed passwords and replicas", async () => {
    assert.deepEqual((await validateStack(secretRotation, credentials({ rotationLambdaArn: "arn:aws:lambda:fn", rotationRules: { automaticallyAfterDays: 30 } }).resources)).violations, []);
    const managed = res(T.rdsCluster, "aurora", { engine: "aurora-postgresql", manageMasterUserPassword: true });
    const replica = res(T.rdsInstance, "replica", { replicateSourceDb: "arn:aws:rds:db", password: "x" });
    assert.deepEqual((await validateStack(secretRotation, [managed, replica])).violations, []);
  });

  it("fails a credentials secret that never rotates or rotates too slowly, and a password kept in no secret", async () => {
    const never = credentials();
    const outcome = await validateStack(secretRotation, never.resources);
    assert.deepEqual(outcome.violations, ["secret db-secret holds the credentials of db and never rotates"]);
    assert.deepEqual(outcome.urns, [never.secret.urn]);
    const slow = credentials({ rotationLambdaArn: "arn:aws:lambda:fn", rotationRules: { automaticallyAfterDays: 180 } });
    assert.deepEqual((await validateStack(secretRotation, slow.resources)).violations, ["secret db-secret rotates every 180 days: at most 90"]);
    const cache = res(T.cacheReplicationGroup, "redis", { authToken: "token-value" });
    assert.deepEqual((await validateStack(secretRotation, [cache])).violations, ["redis has a password the program sets and no Secrets Manager secret holds it to rotate"]);
  });
});
