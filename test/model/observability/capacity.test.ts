import { strict as assert } from "assert";
import { cacheMemberSuffixes, instanceMemoryGib, maxConnections } from "../../../model/observability/capacity";

describe("alarm capacities", () => {
  it("knows the memory of the classes the data tier accepts", () => {
    assert.equal(instanceMemoryGib("db.t4g.micro"), 1);
    assert.equal(instanceMemoryGib("db.t3.medium"), 4);
    assert.equal(instanceMemoryGib("db.m6g.large"), 8);
    assert.equal(instanceMemoryGib("db.r6g.large"), 16);
    assert.equal(instanceMemoryGib("db.r7g.12xlarge"), 384);
    assert.equal(instanceMemoryGib("db.x2g.2xlarge"), 128);
    assert.equal(instanceMemoryGib("db.z1d.large"), undefined);
  });

  it("computes PostgreSQL's default max_connections, LEAST(memory/9531392, 5000)", () => {
    assert.equal(maxConnections("postgres", "db.t4g.micro"), 112); // seed 001 dev
    assert.equal(maxConnections("postgres", "db.t4g.small"), 225); // seed 001 prod
    assert.equal(maxConnections("aurora-postgresql", "db.r6g.large"), 1802);
    assert.equal(maxConnections("postgres", "db.r6g.8xlarge"), 5000);
  });

  it("uses AWS's published Aurora MySQL values (seed 004's db.t3.medium: 90)", () => {
    assert.equal(maxConnections("aurora-mysql", "db.t3.medium"), 90);
    assert.equal(maxConnections("aurora-mysql", "db.t4g.large"), 135);
    assert.equal(maxConnections("aurora-mysql", "db.r6g.large"), 1000);
    assert.equal(maxConnections("aurora-mysql", "db.r6g.4xlarge"), 4000);
  });

  it("takes max_connections from the parameter group when it sets one, and refuses to guess otherwise", () => {
    assert.equal(maxConnections("postgres", "db.t4g.micro", { max_connections: "300" }), 300);
    assert.equal(maxConnections("postgres", "db.z1d.large"), undefined);
  });

  it("names Redis member clusters as ElastiCache does", () => {
    assert.deepEqual(cacheMemberSuffixes("single-node", 1, 0), ["001"]);
    assert.deepEqual(cacheMemberSuffixes("replicated", 1, 2), ["001", "002", "003"]);
    assert.deepEqual(cacheMemberSuffixes("cluster", 2, 1), ["0001-001", "0001-002", "0002-001", "0002-002"]);
  });
});
