import { strict as assert } from "assert";
import fc from "fast-check";
import { checkSubnetLayout, contains, formatCidr, overlaps, parseCidr, planSubnets } from "../../../model/network/cidr-plan";

describe("CIDR planner", () => {
  it("reproduces the seeds' layout for 10.0.0.0/16 (seeds 001, 003, 004)", () => {
    assert.deepEqual(planSubnets("10.0.0.0/16", 2), {
      public: ["10.0.1.0/24", "10.0.2.0/24"],
      app: ["10.0.11.0/24", "10.0.12.0/24"],
      data: ["10.0.21.0/24", "10.0.22.0/24"],
    });
  });

  it("pins known-good layouts", () => {
    assert.deepEqual(planSubnets("10.1.0.0/16", 3).data, ["10.1.21.0/24", "10.1.22.0/24", "10.1.23.0/24"]);
    assert.deepEqual(planSubnets("172.16.0.0/20", 2).public, ["172.16.0.16/28", "172.16.0.32/28"]);
    assert.deepEqual(planSubnets("192.168.0.0/22", 2).app, ["192.168.0.176/28", "192.168.0.192/28"]);
  });

  it("rejects a VPC too small for the offsets", () => {
    assert.throws(() => planSubnets("10.0.0.0/24", 2), /too small for 2 zones/);
  });

  const vpcArbitrary = fc
    .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 16, max: 23 }))
    .map(([address, prefix]) => formatCidr({ base: ((address >>> (32 - prefix)) << (32 - prefix)) >>> 0, prefix }));

  it("keeps every planned subnet inside the VPC, with no overlaps (property)", () => {
    fc.assert(
      fc.property(vpcArbitrary, fc.integer({ min: 2, max: 3 }), (vpcCidr, azCount) => {
        const plan = planSubnets(vpcCidr, azCount);
        const vpc = parseCidr(vpcCidr);
        const all = [...plan.public, ...plan.app, ...plan.data].map(parseCidr);
        assert.equal(all.length, azCount * 3);
        all.forEach((subnet, i) => {
          assert.ok(contains(vpc, subnet), `${formatCidr(subnet)} inside ${vpcCidr}`);
          all.slice(i + 1).forEach((other) => assert.ok(!overlaps(subnet, other)));
        });
        assert.deepEqual(checkSubnetLayout(vpcCidr, plan, azCount), []);
      }),
      { numRuns: 300 },
    );
  });

  it("finds every subnet outside the VPC or overlapping another (property)", () => {
    fc.assert(
      fc.property(vpcArbitrary, fc.integer({ min: 0, max: 5 }), (vpcCidr, victim) => {
        const plan = planSubnets(vpcCidr, 2);
        const layout = { public: [...plan.public], app: [...plan.app], data: [...plan.data] };
        const tiers = ["public", "app", "data"] as const;
        const tier = tiers[victim % 3];
        const index = victim % 2;
        const vpc = parseCidr(vpcCidr);
        // Move the subnet just past the VPC's end: always outside.
        const outside = formatCidr({ base: (vpc.base + 2 ** (32 - vpc.prefix)) >>> 0, prefix: parseCidr(layout[tier][index]).prefix });
        layout[tier][index] = outside;
        const problems = checkSubnetLayout(vpcCidr, layout, 2);
        if (vpc.base + 2 ** (32 - vpc.prefix) > 0xffffffff) return; // the VPC ends the address space
        assert.ok(problems.some((p) => p.startsWith(`${tier}[${index}]`) && p.includes("outside the VPC")), problems.join("; "));
      }),
      { numRuns: 200 },
    );
  });

  it("parses only network addresses", () => {
    assert.throws(() => parseCidr("10.0.1.1/24"), /host bits set/);
    assert.throws(() => parseCidr("10.0.0.0/33"), /not an IPv4 CIDR/);
    assert.deepEqual(parseCidr("10.0.0.0/16"), { base: 0x0a000000, prefix: 16 });
  });
});
