import type { ByClass, CacheEngine, Deployment, Price, PriceTable, RdsEngine } from "./types";
import { price } from "./types";

/**
 * Reserved 1-year, no-upfront hourly rates by region, read from AWS's price data (sources
 * `ec2shopRdsReserved` and `ec2shopElastiCacheReserved`). The ElastiCache file lists a node type
 * once, without an engine; its on-demand column is the Redis OSS rate, so the rate is applied to
 * Redis OSS and Memcached (listed alike on demand) and not to Valkey, which is listed lower.
 */
const reservedRates: Readonly<Record<string, { rds: Record<RdsEngine, Record<Deployment, Record<string, number>>>; cache: Record<string, number> }>> = {
  "ap-northeast-2": {
    rds: {
      postgres: {
        "Single-AZ": { "db.t4g.micro": 0.0198, "db.t4g.small": 0.0396, "db.t4g.medium": 0.0792, "db.t4g.large": 0.1585, "db.t3.micro": 0.0218, "db.t3.small": 0.0435, "db.t3.medium": 0.087, "db.t3.large": 0.174, "db.m6g.large": 0.1367, "db.m6g.xlarge": 0.2733, "db.r6g.large": 0.1842, "db.r6g.xlarge": 0.3683, "db.r5.large": 0.2048 },
        "Multi-AZ": { "db.t4g.micro": 0.0396, "db.t4g.small": 0.0792, "db.t4g.medium": 0.1585, "db.t4g.large": 0.317, "db.t3.micro": 0.0435, "db.t3.small": 0.087, "db.t3.medium": 0.174, "db.t3.large": 0.3481, "db.m6g.large": 0.2733, "db.m6g.xlarge": 0.5467, "db.r6g.large": 0.3683, "db.r6g.xlarge": 0.7366, "db.r5.large": 0.4095 },
      },
      mysql: {
        "Single-AZ": { "db.t4g.micro": 0.0198, "db.t4g.small": 0.0396, "db.t4g.medium": 0.0792, "db.t4g.large": 0.1585, "db.t3.micro": 0.0202, "db.t3.small": 0.0404, "db.t3.medium": 0.0808, "db.t3.large": 0.1616, "db.m6g.large": 0.13, "db.m6g.xlarge": 0.2599, "db.r6g.large": 0.1741, "db.r6g.xlarge": 0.3482, "db.r5.large": 0.1945 },
        "Multi-AZ": { "db.t4g.micro": 0.0396, "db.t4g.small": 0.0792, "db.t4g.medium": 0.1585, "db.t4g.large": 0.317, "db.t3.micro": 0.0404, "db.t3.small": 0.0808, "db.t3.medium": 0.1616, "db.t3.large": 0.3232, "db.m6g.large": 0.2599, "db.m6g.xlarge": 0.5198, "db.r6g.large": 0.3482, "db.r6g.xlarge": 0.6963, "db.r5.large": 0.389 },
      },
    },
    cache: { "cache.t4g.micro": 0.016, "cache.t4g.small": 0.032, "cache.t4g.medium": 0.064, "cache.t3.micro": 0.017, "cache.t3.small": 0.034, "cache.t3.medium": 0.067, "cache.m6g.large": 0.124, "cache.r6g.large": 0.167, "cache.r6g.xlarge": 0.334 },
  },
  "ap-northeast-1": {
    rds: {
      postgres: {
        "Single-AZ": { "db.t4g.micro": 0.0197, "db.t4g.small": 0.0393, "db.t4g.medium": 0.0786, "db.t4g.large": 0.1572, "db.t3.micro": 0.0218, "db.t3.small": 0.0435, "db.t3.medium": 0.087, "db.t3.large": 0.174, "db.m6g.large": 0.1529, "db.m6g.xlarge": 0.3059, "db.r6g.large": 0.1842, "db.r6g.xlarge": 0.3683, "db.r5.large": 0.2048 },
        "Multi-AZ": { "db.t4g.micro": 0.0393, "db.t4g.small": 0.0786, "db.t4g.medium": 0.1572, "db.t4g.large": 0.3145, "db.t3.micro": 0.0435, "db.t3.small": 0.087, "db.t3.medium": 0.174, "db.t3.large": 0.3481, "db.m6g.large": 0.3059, "db.m6g.xlarge": 0.6117, "db.r6g.large": 0.3683, "db.r6g.xlarge": 0.7366, "db.r5.large": 0.4095 },
      },
      mysql: {
        "Single-AZ": { "db.t4g.micro": 0.0197, "db.t4g.small": 0.0393, "db.t4g.medium": 0.0786, "db.t4g.large": 0.1572, "db.t3.micro": 0.0202, "db.t3.small": 0.0404, "db.t3.medium": 0.0808, "db.t3.large": 0.1616, "db.m6g.large": 0.1448, "db.m6g.xlarge": 0.2896, "db.r6g.large": 0.1741, "db.r6g.xlarge": 0.3482, "db.r5.large": 0.1945 },
        "Multi-AZ": { "db.t4g.micro": 0.0393, "db.t4g.small": 0.0786, "db.t4g.medium": 0.1572, "db.t4g.large": 0.3145, "db.t3.micro": 0.0404, "db.t3.small": 0.0808, "db.t3.medium": 0.1616, "db.t3.large": 0.3232, "db.m6g.large": 0.2896, "db.m6g.xlarge": 0.5792, "db.r6g.large": 0.3482, "db.r6g.xlarge": 0.6963, "db.r5.large": 0.389 },
      },
    },
    cache: { "cache.t4g.micro": 0.017, "cache.t4g.small": 0.033, "cache.t4g.medium": 0.067, "cache.t3.micro": 0.018, "cache.t3.small": 0.035, "cache.t3.medium": 0.071, "cache.m6g.large": 0.131, "cache.r6g.large": 0.168, "cache.r6g.xlarge": 0.336 },
  },

};

/** Compute Savings Plans, 1 year, no upfront: the discount on the on-demand rate (source `computeSavingsPlanEstimate`). */
export const computeSavingsPlanDiscount = { fargate: 0.2, lambdaDuration: 0.12, ec2: 0.27 } as const;

function discounted(onDemand: Price, discount: number): Price {
  return price(Number((onDemand.usd * (1 - discount)).toPrecision(6)), onDemand.unit, "computeSavingsPlanEstimate", {
    note: `Compute Savings Plan, 1 year, no upfront: on-demand $${onDemand.usd} less ${Math.round(discount * 100)} %`,
  });
}

function discountedByClass(byClass: ByClass, discount: number): ByClass {
  return Object.fromEntries(Object.entries(byClass).map(([name, p]) => [name, discounted(p, discount)]));
}

/** The reserved rate where the stored data has one, else the on-demand entry as it is. */
function reservedByClass(onDemand: ByClass, reserved: Readonly<Record<string, number>>, source: "ec2shopRdsReserved" | "ec2shopElastiCacheReserved"): ByClass {
  return Object.fromEntries(
    Object.entries(onDemand).map(([name, p]) => [name, reserved[name] === undefined ? p : price(reserved[name], "hour", source, "reserved, 1 year, no upfront")]),
  );
}

/**
 * The table for `savings-1y-no-upfront`: Fargate (not Spot), EC2 instances and Lambda duration at
 * Compute Savings Plans rates; RDS instances, Redis OSS and Memcached nodes at reserved 1-year
 * no-upfront rates. Everything else (storage, requests, NAT, load balancers, Aurora, Valkey) has
 * no such commitment here and stays at its on-demand entry, source and all.
 */
export function savingsTable(onDemand: PriceTable): PriceTable {
  const reserved = reservedRates[onDemand.region];
  if (!reserved) throw new Error(`no reserved rates for region '${onDemand.region}' in automation/cost/prices/savings.ts`);
  const { fargate, ec2, lambda, rds, elasticache } = onDemand;
  const f = computeSavingsPlanDiscount.fargate;
  const rdsByEngine = (engine: RdsEngine) => ({
    "Single-AZ": reservedByClass(rds.instanceHour[engine]["Single-AZ"], reserved.rds[engine]["Single-AZ"], "ec2shopRdsReserved"),
    "Multi-AZ": reservedByClass(rds.instanceHour[engine]["Multi-AZ"], reserved.rds[engine]["Multi-AZ"], "ec2shopRdsReserved"),
  });
  const cache = (engine: CacheEngine) =>
    engine === "valkey" ? elasticache.nodeHour.valkey : reservedByClass(elasticache.nodeHour[engine], reserved.cache, "ec2shopElastiCacheReserved");
  return {
    ...onDemand,
    pricingModel: "savings-1y-no-upfront",
    fargate: {
      ...fargate,
      x86: { vcpuHour: discounted(fargate.x86.vcpuHour, f), gbHour: discounted(fargate.x86.gbHour, f) },
      arm64: { vcpuHour: discounted(fargate.arm64.vcpuHour, f), gbHour: discounted(fargate.arm64.gbHour, f) },
    },
    ec2: { ...ec2, instanceHour: discountedByClass(ec2.instanceHour, computeSavingsPlanDiscount.ec2) },
    lambda: {
      ...lambda,
      x86GbSecond: discounted(lambda.x86GbSecond, computeSavingsPlanDiscount.lambdaDuration),
      arm64GbSecond: discounted(lambda.arm64GbSecond, computeSavingsPlanDiscount.lambdaDuration),
    },
    rds: { ...rds, instanceHour: { postgres: rdsByEngine("postgres"), mysql: rdsByEngine("mysql") } },
    elasticache: { nodeHour: { redis: cache("redis"), valkey: cache("valkey"), memcached: cache("memcached") } },
  };
}
