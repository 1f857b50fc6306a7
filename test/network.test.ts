import { strict as assert } from "assert";
import { input, ofType, renderStack, stackNames } from "./helpers/stacks";

const expected = {
  dev: { nat: 0, natInstance: 1, public: ["10.0.1.0/24", "10.0.2.0/24"], app: ["10.0.11.0/24", "10.0.12.0/24"], data: ["10.0.21.0/24", "10.0.22.0/24"] },
  staging: { nat: 1, natInstance: 0, public: ["10.0.1.0/24", "10.0.2.0/24"], app: ["10.0.11.0/24", "10.0.12.0/24"], data: ["10.0.21.0/24", "10.0.22.0/24"] },
  prod: { nat: 2, natInstance: 0, public: ["10.0.1.0/24", "10.0.2.0/24"], app: ["10.0.11.0/24", "10.0.12.0/24"], data: ["10.0.21.0/24", "10.0.22.0/24"] },
  "prod-dr": { nat: 1, natInstance: 0, public: ["10.1.1.0/24", "10.1.2.0/24"], app: ["10.1.11.0/24", "10.1.12.0/24"], data: ["10.1.21.0/24", "10.1.22.0/24"] },
};

describe("network tier", () => {
  for (const stack of stackNames) {
    describe(stack, () => {
      it("lays out public, app and data subnets per AZ with the seeds' CIDRs", async () => {
        const { resources } = await renderStack(stack);
        const subnets = ofType(resources, "aws:ec2/subnet:Subnet");
        assert.equal(subnets.length, 6);
        for (const tier of ["public", "app", "data"] as const) {
          const cidrs = subnets.filter((s) => input<Record<string, string>>(s, "tags").SubnetTier === tier).map((s) => input<string>(s, "cidrBlock"));
          assert.deepEqual(cidrs.sort(), expected[stack][tier]);
        }
        assert.ok(subnets.every((s) => input(s, "mapPublicIpOnLaunch") === false), "no subnet hands out public IPs");
      });

      it("has the NAT strategy of its environment", async () => {
        const { resources } = await renderStack(stack);
        assert.equal(ofType(resources, "aws:ec2/natGateway:NatGateway").length, expected[stack].nat);
        assert.equal(ofType(resources, "aws:ec2/instance:Instance").length, expected[stack].natInstance);
      });
    });
  }
});
