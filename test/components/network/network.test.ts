import { strict as assert } from "assert";
import { input, named, ofType, renderStack, stackNames, state } from "../../helpers/stacks";

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
        assert.equal(ofType(resources, "aws:ec2/instance:Instance").filter((i) => i.name.endsWith("-nat")).length, expected[stack].natInstance);
      });
    });
  }
});

describe("network routing", () => {
  for (const stack of stackNames) {
    it(`${stack}: data subnets have no route out, app subnets only through NAT`, async () => {
      const { resources } = await renderStack(stack);
      const byUrn = new Map(resources.map((r) => [r.urn, r]));
      const subnets = ofType(resources, "aws:ec2/subnet:Subnet");
      const tierOfSubnet = (id: unknown) => {
        const subnet = subnets.find((s) => s.id === id);
        return subnet ? input<Record<string, string>>(subnet, "tags").SubnetTier : undefined;
      };
      const associations = ofType(resources, "aws:ec2/routeTableAssociation:RouteTableAssociation");
      const tablesOf = (tier: string) => new Set(associations.filter((a) => tierOfSubnet(input(a, "subnetId")) === tier).map((a) => input<string>(a, "routeTableId")));
      const routes = ofType(resources, "aws:ec2/route:Route");
      const routesOf = (tables: Set<string>) => routes.filter((r) => tables.has(input<string>(r, "routeTableId")));

      assert.equal(tablesOf("data").size, 1, "one data route table");
      assert.deepEqual(routesOf(tablesOf("data")), [], "no route at all beside the implicit local one");
      const gatewayEndpoints = ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) => input(e, "vpcEndpointType") === "Gateway");
      for (const endpoint of gatewayEndpoints) {
        for (const table of input<string[]>(endpoint, "routeTableIds")) {
          assert.ok(!tablesOf("data").has(table), "the S3 gateway endpoint stays off the data route table");
        }
      }

      const appRoutes = routesOf(tablesOf("app"));
      assert.ok(appRoutes.every((r) => input(r, "gatewayId") === undefined), "app subnets never route to the internet gateway");
      const publicRoutes = routesOf(tablesOf("public"));
      assert.equal(publicRoutes.length, 1);
      assert.equal(input(publicRoutes[0], "destinationCidrBlock"), "0.0.0.0/0");
      assert.equal(byUrn.size, resources.length);
    });
  }

  it("prod: each app subnet routes through the NAT gateway in its own zone", async () => {
    const { resources } = await renderStack("prod");
    const nats = ofType(resources, "aws:ec2/natGateway:NatGateway");
    const subnetZone = new Map(ofType(resources, "aws:ec2/subnet:Subnet").map((s) => [s.id, input<string>(s, "availabilityZone")]));
    const natZone = new Map(nats.map((n) => [n.id, subnetZone.get(input(n, "subnetId"))]));
    const tableZone = new Map(
      ofType(resources, "aws:ec2/routeTableAssociation:RouteTableAssociation").map((a) => [input<string>(a, "routeTableId"), subnetZone.get(input(a, "subnetId"))]),
    );
    const natRoutes = ofType(resources, "aws:ec2/route:Route").filter((r) => input(r, "natGatewayId"));
    assert.equal(natRoutes.length, 2);
    for (const route of natRoutes) {
      assert.equal(natZone.get(input(route, "natGatewayId")), tableZone.get(input(route, "routeTableId")));
    }
  });

  it("dev: app subnets route through the NAT instance, which forwards with an Elastic IP", async () => {
    const { resources } = await renderStack("dev");
    const [instance] = ofType(resources, "aws:ec2/instance:Instance");
    assert.equal(input(instance, "instanceType"), "t4g.nano");
    assert.equal(input(instance, "sourceDestCheck"), false);
    assert.equal(input(instance, "associatePublicIpAddress"), false);
    assert.deepEqual(input(instance, "metadataOptions"), { httpEndpoint: "enabled", httpTokens: "required" });
    const routes = ofType(resources, "aws:ec2/route:Route").filter((r) => input(r, "networkInterfaceId"));
    assert.equal(routes.length, 2, "one default route per app route table");
    assert.ok(routes.every((r) => input(r, "networkInterfaceId") === instance.state.primaryNetworkInterfaceId));
    assert.equal(ofType(resources, "aws:ec2/eip:Eip").filter((e) => input(e, "instance") === instance.id).length, 1);
  });
});

describe("VPC endpoints and flow logs", () => {
  const interfaceServices = {
    dev: [],
    staging: ["ecr.api", "ecr.dkr"],
    prod: ["ecr.api", "ecr.dkr", "logs", "secretsmanager"],
    "prod-dr": ["ecr.api", "ecr.dkr", "logs", "secretsmanager"],
  };
  for (const stack of stackNames) {
    it(`${stack}: S3 gateway endpoint plus the interface endpoints config enables`, async () => {
      const { resources, region } = await renderStack(stack);
      const endpoints = ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint");
      const services = (type: string) => endpoints.filter((e) => input(e, "vpcEndpointType") === type).map((e) => input<string>(e, "serviceName"));
      assert.deepEqual(services("Gateway"), [`com.amazonaws.${region}.s3`]);
      assert.deepEqual(services("Interface").sort(), interfaceServices[stack].map((s) => `com.amazonaws.${region}.${s}`).sort());
      for (const endpoint of endpoints.filter((e) => input(e, "vpcEndpointType") === "Interface")) {
        assert.equal(input(endpoint, "privateDnsEnabled"), true);
        assert.equal(input<string[]>(endpoint, "subnetIds").length, 2);
      }
    });

    it(`${stack}: flow logs go to an encrypted log group with the stack's retention`, async () => {
      const { resources } = await renderStack(stack);
      const [flowLog] = ofType(resources, "aws:ec2/flowLog:FlowLog");
      const group = ofType(resources, "aws:cloudwatch/logGroup:LogGroup").find((g) => g.state.arn === input(flowLog, "logDestination"));
      assert.ok(group, "the flow log writes to a log group of the stack");
      assert.equal(input(group, "retentionInDays"), { dev: 7, staging: 14, prod: 30, "prod-dr": 30 }[stack]);
      assert.match(String(input(group, "kmsKeyId")), /^arn:aws:kms:/);
      const policy = JSON.parse(String(input(named(resources, "aws:iam/rolePolicy:RolePolicy", `${group.name}`), "policy")));
      assert.deepEqual(policy.Statement[0].Resource, [group.state.arn, `${state<string>(group, "arn")}:*`], "the delivery role reaches only its log group");
    });
  }
});
