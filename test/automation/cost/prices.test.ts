import { strict as assert } from "assert";
import { priceSources, priceTables } from "../../../automation/cost/prices";
import type { Price, PriceTable } from "../../../automation/cost/prices";
import type { PriceSource } from "../../../automation/cost/prices/sources";

/** Every price of a table with its path, e.g. `rds.instanceHour.postgres.Multi-AZ.db.t4g.micro`. */
function pricesOf(node: unknown, path = ""): [string, Price][] {
  if (node && typeof node === "object" && "usd" in node && "source" in node) return [[path, node as Price]];
  if (!node || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => pricesOf(value, path ? `${path}.${key}` : key));
}

const regions = Object.keys(priceTables);
const seoul: PriceTable = priceTables["ap-northeast-2"];
const tokyo: PriceTable = priceTables["ap-northeast-1"];

/** A table's entry by its dotted path, read loosely: a path the table does not have is undefined. */
function entry(table: PriceTable, path: readonly string[]): Price | undefined {
  let node: unknown = table;
  for (const key of path) node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  return node && typeof node === "object" && "usd" in node ? (node as Price) : undefined;
}

function sourceOf(p: Price): PriceSource {
  return (priceSources as Readonly<Record<string, PriceSource>>)[p.source];
}

describe("price tables", () => {
  it("cover the platform's primary and standby regions, on-demand", () => {
    assert.deepEqual([...regions].sort(), ["ap-northeast-1", "ap-northeast-2"]);
    for (const region of regions) {
      assert.equal(priceTables[region].region, region);
      assert.equal(priceTables[region].pricingModel, "on-demand");
    }
  });

  describe("sources", () => {
    for (const region of regions) {
      it(`${region}: every price is positive and names its dataset, file and the date of its data`, () => {
        const prices = pricesOf(priceTables[region]);
        assert.ok(prices.length > 150, `only ${prices.length} prices`);
        for (const [path, p] of prices) {
          assert.ok(p.usd > 0, `${path} is ${p.usd}`);
          const source = sourceOf(p);
          assert.ok(source, `${path} names unknown source ${p.source}`);
          assert.ok(source.dataset?.trim(), `${path}: source ${p.source} names no dataset`);
          assert.ok(source.file?.trim(), `${path}: source ${p.source} names no file`);
          assert.match(source.date ?? "", /^\d{4}-\d{2}-\d{2}$/, `${path}: source ${p.source} has no date`);
        }
      });
    }

    it("name the repository commit of every machine-generated price list", () => {
      for (const [id, source] of Object.entries(priceSources as Readonly<Record<string, PriceSource>>)) {
        assert.ok(["price-list", "price-list-api", "quoted", "estimate", "unverified"].includes(source.kind), `${id}: kind ${source.kind}`);
        if (source.kind === "price-list") {
          assert.match(source.dataset, /^[\w.-]+\/[\w.-]+$/, `${id}: a price list is read from a repository`);
          assert.match(source.commit ?? "", /^[0-9a-f]{40}$/, `${id}: no commit`);
        }
      }
    });

    it("take the newer source where two disagree, and say so in the entry", () => {
      for (const region of regions) {
        for (const [path, p] of pricesOf(priceTables[region])) {
          for (const other of p.checked ?? []) {
            assert.ok(sourceOf({ ...p, source: other.source }), `${region} ${path}: unknown cross-check ${other.source}`);
            if (other.usd === p.usd) continue;
            assert.ok(sourceOf(p).date >= priceSources[other.source].date, `${region} ${path}: ${p.source} is older than ${other.source}, which says ${other.usd}`);
            assert.match(p.note ?? "", /newer/, `${region} ${path}: disagrees with ${other.source} (${other.usd}) without saying so`);
          }
        }
      }
    });

    it("leave unverified only the items no stored price list holds, each naming the AWS page to check", () => {
      const unverified = (table: PriceTable) =>
        pricesOf(table)
          .filter(([, p]) => sourceOf(p).kind === "unverified")
          .map(([path, p]) => {
            assert.match(p.note ?? "", /https:\/\/aws\.amazon\.com\/[\w/.-]+/, `${path}: which AWS page?`);
            return path;
          })
          .sort();
      const both = ["aurora.ioOptimizedStorageGbMonth", "aurora.ioRequestsMillion", "aurora.storageGbMonth", "cloudfront.dataOutGb", "dataTransfer.interRegionOutGb", "dataTransfer.internetOutGb", "s3.deepArchiveGbMonth", "secretsManager.apiCalls10k", "xray.tracesRecordedMillion"];
      assert.deepEqual(unverified(seoul), [...both, "elb.albHour", "elb.nlbHour", "elb.nlbNlcuHour"].sort());
      assert.deepEqual(unverified(tokyo), [...both, "ecr.storageGbMonth", "secretsManager.secretMonth"].sort());
    });
  });

  it("price the same items in both regions, so a standby stack is priced like its primary", () => {
    const [a, b] = regions.map((r) => pricesOf(priceTables[r]).map(([path]) => path).sort());
    assert.deepEqual(a, b);
  });

  describe("keys: engine, deployment and region, never a factor where AWS lists a price", () => {
    for (const region of regions) {
      const table = priceTables[region];
      it(`${region}: RDS by engine and deployment, its storage by deployment`, () => {
        for (const engine of ["postgres", "mysql"]) {
          for (const deployment of ["Single-AZ", "Multi-AZ"]) {
            const micro = entry(table, ["rds", "instanceHour", engine, deployment, "db.t4g.micro"]);
            assert.ok(micro, `no ${engine} ${deployment} db.t4g.micro`);
          }
        }
        for (const deployment of ["Single-AZ", "Multi-AZ"]) for (const type of ["gp2", "gp3"]) assert.ok(entry(table, ["rds", "storageGbMonth", deployment, type]), `no ${deployment} ${type} storage`);
      });

      it(`${region}: Aurora by edition, ElastiCache by engine`, () => {
        for (const engine of ["aurora-mysql", "aurora-postgresql"]) assert.ok(entry(table, ["aurora", "instanceHour", engine, "db.r6g.large"]), `no ${engine} db.r6g.large`);
        assert.equal((table.aurora as unknown as Record<string, unknown>).ioOptimizedInstanceFactor, undefined, "no I/O-Optimized factor");
        for (const engine of ["redis", "valkey", "memcached"]) assert.ok(entry(table, ["elasticache", "nodeHour", engine, "cache.t4g.micro"]), `no ${engine} cache.t4g.micro`);
      });
    }

    it("lists Multi-AZ where it is not twice Single-AZ (Seoul: db.t4g.micro, gp2)", () => {
      assert.equal(entry(seoul, ["rds", "instanceHour", "postgres", "Multi-AZ", "db.t4g.micro"])?.usd, 0.051);
      assert.equal(entry(seoul, ["rds", "instanceHour", "postgres", "Single-AZ", "db.t4g.micro"])?.usd, 0.025);
      assert.equal(entry(seoul, ["rds", "storageGbMonth", "Multi-AZ", "gp2"])?.usd, 0.276);
      assert.equal(entry(seoul, ["rds", "storageGbMonth", "Single-AZ", "gp2"])?.usd, 0.131);
    });
  });

  describe("entries against the published price data (audited 2026-12-04)", () => {
    /** [region, path, published USD, the source it is read from]. */
    const published: readonly [string, string, number, string][] = [
      ["ap-northeast-2", "aurora.instanceHour.aurora-mysql.db.r6g.large", 0.313, "vantageRds"],
      ["ap-northeast-2", "aurora.instanceHour.aurora-postgresql.db.r6g.large", 0.313, "vantageRds"],
      ["ap-northeast-2", "aurora.instanceHour.aurora-mysql.db.t3.medium", 0.125, "vantageRds"],
      ["ap-northeast-2", "aurora.instanceHour.aurora-postgresql.db.r6g.xlarge", 0.627, "vantageRds"],
      ["ap-northeast-1", "aurora.instanceHour.aurora-mysql.db.r6g.xlarge", 0.627, "vantageRds"],
      ["ap-northeast-2", "aurora.ioRequestsMillion", 0.24, "awsPageUnverified"],
      ["ap-northeast-2", "rds.instanceHour.postgres.Single-AZ.db.t3.micro", 0.028, "ec2shopRdsOnDemand"],
      ["ap-northeast-2", "rds.instanceHour.postgres.Single-AZ.db.t3.small", 0.056, "ec2shopRdsOnDemand"],
      ["ap-northeast-2", "rds.instanceHour.postgres.Single-AZ.db.t3.medium", 0.112, "ec2shopRdsOnDemand"],
      ["ap-northeast-2", "rds.instanceHour.mysql.Single-AZ.db.t3.micro", 0.026, "ec2shopRdsOnDemand"],
      ["ap-northeast-2", "rds.instanceHour.postgres.Single-AZ.db.r6g.large", 0.27, "ec2shopRdsOnDemand"],
      ["ap-northeast-2", "rds.instanceHour.postgres.Single-AZ.db.m6g.large", 0.221, "ec2shopRdsOnDemand"],
      ["ap-northeast-2", "rds.instanceHour.postgres.Multi-AZ.db.t4g.micro", 0.051, "ec2shopRdsOnDemand"],
      ["ap-northeast-2", "rds.instanceHour.postgres.Multi-AZ.db.t4g.small", 0.102, "ec2shopRdsOnDemand"],
      ["ap-northeast-2", "rds.instanceHour.postgres.Multi-AZ.db.t3.micro", 0.056, "ec2shopRdsOnDemand"],
      ["ap-northeast-2", "rds.instanceHour.postgres.Multi-AZ.db.r6g.large", 0.54, "ec2shopRdsOnDemand"],
      ["ap-northeast-1", "rds.instanceHour.postgres.Single-AZ.db.t4g.small", 0.05, "ec2shopRdsOnDemand"],
      ["ap-northeast-1", "rds.instanceHour.postgres.Multi-AZ.db.t4g.small", 0.101, "ec2shopRdsOnDemand"],
      ["ap-northeast-2", "elasticache.nodeHour.redis.cache.t4g.micro", 0.024, "ec2shopElastiCache"],
      ["ap-northeast-2", "elasticache.nodeHour.redis.cache.t4g.small", 0.047, "ec2shopElastiCache"],
      ["ap-northeast-2", "elasticache.nodeHour.redis.cache.r6g.large", 0.246, "ec2shopElastiCache"],
      ["ap-northeast-2", "elasticache.nodeHour.redis.cache.t3.micro", 0.025, "ec2shopElastiCache"],
      ["ap-northeast-2", "elasticache.nodeHour.valkey.cache.t4g.micro", 0.0192, "ec2shopElastiCache"],
      ["ap-northeast-2", "elasticache.nodeHour.valkey.cache.r6g.large", 0.1968, "ec2shopElastiCache"],
      ["ap-northeast-1", "elasticache.nodeHour.redis.cache.t4g.micro", 0.025, "ec2shopElastiCache"],
      ["ap-northeast-2", "guardDuty.cloudTrailEventsMillion", 4.6, "awsPriceGuardDuty"],
      ["ap-northeast-2", "guardDuty.flowAndDnsLogsGb", 1.15, "awsPriceGuardDuty"],
      ["ap-northeast-2", "route53.healthCheckMonth", 0.5, "awsPriceRoute53"],
      ["ap-northeast-2", "natGateway.hour", 0.059, "awsPriceNatGateway"],
      ["ap-northeast-2", "fargate.x86.vcpuHour", 0.04656, "awsPriceFargate"],
    ];
    for (const [region, path, usd, source] of published) {
      it(`${region} ${path}: ${usd} (${source})`, () => {
        const found = pricesOf(priceTables[region]).find(([p]) => p === path)?.[1];
        assert.ok(found, `no entry ${path}`);
        assert.equal(found.usd, usd);
        assert.equal(found.source, source);
      });
    }

    it("gives an account's first 50 Route 53 health checks on AWS endpoints free, as the price list words it", () => {
      assert.equal(seoul.route53.healthCheckMonth.firstFree, 50);
      assert.match(priceSources[seoul.route53.healthCheckMonth.source].file, /Basic Health checks up to 50 AWS per Mo/);
    });

    it("prices Valkey about 20 % below Redis OSS, node type by node type", () => {
      for (const table of [seoul, tokyo]) {
        const { redis, valkey } = table.elasticache.nodeHour;
        for (const [type, p] of Object.entries(valkey)) assert.ok(Math.abs(p.usd / redis[type].usd - 0.8) < 0.005, `${table.region} ${type}: ${p.usd} vs ${redis[type].usd}`);
      }
    });
  });

  it("agree with seed 001's figures where the seed quotes Seoul's list price", () => {
    // seed 001 예상 비용: NAT $0.059/h and $0.59 for 10 GB; LCU $0.0240 for 3; S3 $0.25 for 10 GB;
    // ECR $0.50 for 5 GB; 5 secrets $2.00; 1 dashboard $3.00; 10 alarms $1.00; 1 zone $0.50.
    assert.equal(seoul.natGateway.hour.usd, 0.059);
    assert.equal(seoul.natGateway.processedGb.usd * 10, 0.59);
    assert.equal(seoul.elb.albLcuHour.usd * 3, 0.024);
    assert.equal(seoul.s3.standardGbMonth.usd * 10, 0.25);
    assert.equal(seoul.ecr.storageGbMonth.usd * 5, 0.5);
    assert.equal(seoul.secretsManager.secretMonth.usd * 5, 2);
    assert.equal(seoul.cloudwatch.dashboardMonth.usd, 3);
    assert.ok(Math.abs(seoul.cloudwatch.alarmStandardMetricMonth.usd * 10 - 1) < 1e-9);
    assert.equal(seoul.route53.hostedZoneMonth.usd, 0.5);
  });

  it("keep the Seoul bill as a cross-check of the RDS figures it quotes, which the newer data confirms", () => {
    const micro = entry(seoul, ["rds", "instanceHour", "mysql", "Single-AZ", "db.t3.micro"]);
    assert.deepEqual(micro?.checked, [{ source: "seoulBill", usd: 0.026 }]);
    assert.equal(micro?.usd, 0.026);
    assert.deepEqual(entry(seoul, ["rds", "storageGbMonth", "Single-AZ", "gp2"])?.checked, [{ source: "seoulBill", usd: 0.131 }]);
  });
});
