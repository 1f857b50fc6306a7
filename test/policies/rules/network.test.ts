import { strict as assert } from "assert";
import { T } from "../../../policies/lib/types";
import { unknownValue } from "../../../policies/lib/unknown";
import {
  cacheAuth,
  dataStoresPrivate,
  eksEndpointPrivate,
  eksEndpointRestricted,
  internetIngress,
  noPublicIngress,
  noPublicIps,
  s3PublicAccessBlocked,
} from "../../../policies/rules/network";
import { res, validate, validateStack } from "../../helpers/policy";

const ingress = (name: string, props: Record<string, unknown>) => res(T.ingressRule, name, { ipProtocol: "tcp", ...props });

describe("policy: network exposure", () => {
  it("reads internet ingress from every rule shape", () => {
    assert.deepEqual(internetIngress({ protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"] }), { ports: "tcp 443", webPort: true });
    assert.deepEqual(internetIngress({ protocol: "-1", fromPort: 0, toPort: 0, cidrs: ["::/0"] }), { ports: "all traffic", webPort: false });
    assert.deepEqual(internetIngress({ protocol: "tcp", fromPort: 80, toPort: 443, cidrs: ["0.0.0.0/0"] }), { ports: "tcp 80-443", webPort: false });
    assert.equal(internetIngress({ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrs: ["10.0.0.0/16"] }), undefined);
  });

  describe("no-public-ingress", () => {
    const alb = res(T.securityGroup, "alb", { id: "sg-0aaaaaaaaaaaaaaaa", vpcId: "vpc-1" });
    const app = res(T.securityGroup, "app", { id: "sg-0bbbbbbbbbbbbbbbb", vpcId: "vpc-1" });
    const https = ingress("alb-in-https", { securityGroupId: "sg-0aaaaaaaaaaaaaaaa", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
    const lb = res(T.loadBalancer, "alb", { securityGroups: ["sg-0aaaaaaaaaaaaaaaa"], subnets: ["subnet-1"] });

    it("passes group references, and 80/443 from the internet on a group attached only to a load balancer (or to nothing yet)", async () => {
      for (const r of [https, ingress("app-in-alb", { securityGroupId: "sg-0bbbbbbbbbbbbbbbb", fromPort: 3000, toPort: 3000, referencedSecurityGroupId: "sg-0aaaaaaaaaaaaaaaa" })]) {
        assert.deepEqual((await validate(noPublicIngress, r)).violations, [], r.name);
      }
      assert.deepEqual((await validateStack(noPublicIngress, [alb, app, https, lb])).violations, []);
      assert.deepEqual((await validateStack(noPublicIngress, [alb, https])).violations, []);
    });

    it("fails other ports from anywhere in each rule shape", async () => {
      const cases: [ReturnType<typeof res>, string[]][] = [
        [ingress("db-open", { securityGroupId: "sg-1", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" }), ["opens tcp 5432 to the internet"]],
        [ingress("ssh6", { securityGroupId: "sg-1", fromPort: 22, toPort: 22, cidrIpv6: "::/0" }), ["opens tcp 22 to the internet"]],
        [res(T.securityGroup, "inline", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }), ["opens all traffic to the internet"]],
        [res(T.securityGroupRule, "legacy", { type: "ingress", protocol: "tcp", fromPort: 3000, toPort: 3000, cidrBlocks: ["0.0.0.0/0"], securityGroupId: "sg-1" }), ["opens tcp 3000 to the internet"]],
      ];
      for (const [r, expected] of cases) assert.deepEqual((await validate(noPublicIngress, r)).violations, expected, r.name);
    });

    it("fails 443 from the internet on a group that is also attached to a task", async () => {
      const service = res(T.ecsService, "api", { networkConfiguration: { securityGroups: ["sg-0aaaaaaaaaaaaaaaa"], subnets: ["subnet-1"] } });
      const outcome = await validateStack(noPublicIngress, [alb, https, lb, service]);
      assert.deepEqual(outcome.violations, ["group alb takes tcp 443 from the internet and is attached to Service api, not only a load balancer"]);
      assert.deepEqual(outcome.urns, [alb.urn]);
    });

    it("follows property dependencies when ids are unknown (preview)", async () => {
      const service = res(T.ecsService, "api", { networkConfiguration: unknownValue }, { propertyDependencies: { networkConfiguration: [alb.urn] } });
      const previewRule = { ...https, props: { ...https.props, securityGroupId: unknownValue }, propertyDependencies: { securityGroupId: [alb.urn] } };
      const outcome = await validateStack(noPublicIngress, [{ ...alb, props: { id: unknownValue } }, previewRule, service]);
      assert.deepEqual(outcome.violations, ["group alb takes tcp 443 from the internet and is attached to Service api, not only a load balancer"]);
    });
  });

  describe("no-public-ips", () => {
    it("passes private tasks, instances, templates and subnets", async () => {
      for (const r of [
        res(T.instance, "nat", { associatePublicIpAddress: false, sourceDestCheck: false }),
        res(T.launchTemplate, "lt", { networkInterfaces: [{ associatePublicIpAddress: "false" }] }),
        res(T.ecsService, "svc", { networkConfiguration: { assignPublicIp: false, subnets: ["s"] } }),
        res(T.subnet, "public-a", { mapPublicIpOnLaunch: false, vpcId: "v" }),
        res(T.eksComponentCluster, "eks", { nodeAssociatePublicIpAddress: false }),
      ]) {
        assert.deepEqual((await validate(noPublicIps, r)).violations, [], r.name);
      }
    });
    it("fails public IPs wherever they can be asked for", async () => {
      const cases: [ReturnType<typeof res>, string[]][] = [
        [res(T.instance, "vm", { associatePublicIpAddress: true }), ["instance asks for a public IP"]],
        [res(T.launchTemplate, "lt", { networkInterfaces: [{ associatePublicIpAddress: "true" }] }), ["networkInterfaces[0] asks for a public IP"]],
        [res(T.ecsService, "svc", { networkConfiguration: { assignPublicIp: true } }), ["tasks get public IPs: set assignPublicIp false and use private subnets"]],
        [res(T.awsxFargateService, "fs", { assignPublicIp: true }), ["tasks get public IPs: set assignPublicIp false and use private subnets"]],
        [res(T.subnet, "s", { mapPublicIpOnLaunch: true }), ["subnet hands out public IPs on launch: set mapPublicIpOnLaunch false"]],
        [res(T.eksComponentCluster, "eks", {}), ["the default node group's nodes get public IPs: set nodeAssociatePublicIpAddress false (or skipDefaultNodeGroup)"]],
      ];
      for (const [r, expected] of cases) assert.deepEqual((await validate(noPublicIps, r)).violations, expected, r.name);
    });
    it("allows an Elastic IP on a NAT instance only", async () => {
      const nat = res(T.instance, "nat", { id: "i-0aaaaaaaaaaaaaaaa", sourceDestCheck: false });
      const vm = res(T.instance, "vm", { id: "i-0bbbbbbbbbbbbbbbb" });
      const outcome = await validateStack(noPublicIps, [nat, vm, res(T.eip, "nat", { instance: "i-0aaaaaaaaaaaaaaaa" }), res(T.eip, "vm", { instance: "i-0bbbbbbbbbbbbbbbb" })]);
      assert.deepEqual(outcome.violations, ["Elastic IP vm gives instance vm a public address"]);
    });
  });

  describe("data-stores-private", () => {
    it("passes private databases and fails public ones", async () => {
      assert.deepEqual((await validate(dataStoresPrivate, res(T.rdsInstance, "db", { publiclyAccessible: false }))).violations, []);
      assert.deepEqual((await validate(dataStoresPrivate, res(T.rdsClusterInstance, "reader", { clusterIdentifier: "c" }))).violations, []);
      assert.deepEqual((await validate(dataStoresPrivate, res(T.rdsClusterInstance, "writer", { publiclyAccessible: true }))).violations, ["database has a public endpoint"]);
    });
  });

  describe("s3-public-access-blocked", () => {
    const bucket = res(T.bucket, "files", { id: "files-1", bucket: "files-1" });
    const block = (flags: Record<string, boolean>) => res(T.bucketPublicAccessBlock, "files-public-access", { bucket: "files-1", ...flags });
    const all = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
    it("passes a bucket with a complete public access block", async () => {
      assert.deepEqual((await validateStack(s3PublicAccessBlocked, [bucket, block(all)])).violations, []);
      assert.deepEqual((await validate(s3PublicAccessBlocked, res(T.bucketAcl, "acl", { bucket: "files-1", acl: "private" }))).violations, []);
    });
    it("fails a missing or partial block and public ACLs", async () => {
      assert.deepEqual((await validateStack(s3PublicAccessBlocked, [bucket])).violations, ["bucket files has no public access block"]);
      assert.deepEqual((await validateStack(s3PublicAccessBlocked, [bucket, block({ ...all, restrictPublicBuckets: false })])).violations, [
        "bucket files: public access block leaves restrictPublicBuckets off",
      ]);
      assert.deepEqual((await validate(s3PublicAccessBlocked, res(T.bucketAcl, "acl", { bucket: "files-1", acl: "public-read" }))).violations, ["grants the public-read ACL"]);
    });
  });

  describe("cache-auth", () => {
    it("passes an AUTH token (even unknown) or RBAC user groups, fails neither", async () => {
      assert.deepEqual((await validate(cacheAuth, res(T.cacheReplicationGroup, "redis", { authToken: unknownValue }))).violations, []);
      assert.deepEqual((await validate(cacheAuth, res(T.cacheReplicationGroup, "redis", { userGroupIds: ["ug"] }))).violations, []);
      assert.deepEqual((await validate(cacheAuth, res(T.cacheReplicationGroup, "redis", {}))).violations, ["any client in the network may connect: set authToken or userGroupIds"]);
    });
  });

  describe("eks-endpoint-private and eks-endpoint-restricted", () => {
    it("pass a private endpoint", async () => {
      for (const r of [res(T.eksCluster, "c", { vpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true } }), res(T.eksComponentCluster, "e", { endpointPublicAccess: false })]) {
        assert.deepEqual((await validate(eksEndpointPrivate, r)).violations, [], r.name);
        assert.deepEqual((await validate(eksEndpointRestricted, r)).violations, [], r.name);
      }
    });
    it("flag a public endpoint (the default), and block one open to the internet", async () => {
      const restricted = res(T.eksComponentCluster, "dev", { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] });
      assert.deepEqual((await validate(eksEndpointPrivate, restricted)).violations, ["the Kubernetes API has a public endpoint"]);
      assert.deepEqual((await validate(eksEndpointRestricted, restricted)).violations, []);
      assert.deepEqual((await validate(eksEndpointPrivate, res(T.eksCluster, "c", { vpcConfig: {} }))).violations, ["the Kubernetes API has a public endpoint"]);
      assert.deepEqual((await validate(eksEndpointRestricted, res(T.eksCluster, "c", { vpcConfig: {} }))).violations, ["public endpoint open to 0.0.0.0/0 (no publicAccessCidrs)"]);
      assert.deepEqual((await validate(eksEndpointRestricted, res(T.eksComponentCluster, "e", { publicAccessCidrs: ["0.0.0.0/0"] }))).violations, ["public endpoint open to 0.0.0.0/0"]);
    });
    it("eks-endpoint-private admits a public endpoint open only to the stack's declared deployer ranges", async () => {
      const config = { deployerCidrs: ["203.0.113.10/32", "203.0.113.11/32"] };
      const ci = res(T.eksComponentCluster, "prod", { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.11/32", "203.0.113.10/32"] });
      assert.deepEqual((await validate(eksEndpointPrivate, ci, config)).violations, []);
      const wider = res(T.eksCluster, "c", { vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.10/32", "198.51.100.0/24"] } });
      assert.deepEqual((await validate(eksEndpointPrivate, wider, config)).violations, [
        "the Kubernetes API has a public endpoint open to 198.51.100.0/24, which is not a declared deployer range (platform:compute.eks.endpoint.deployerCidrs)",
      ]);
      assert.deepEqual((await validate(eksEndpointPrivate, res(T.eksComponentCluster, "e", { endpointPublicAccess: true }), config)).violations, [
        "the Kubernetes API has a public endpoint open to every address, not only the declared deployer ranges",
      ]);
      const unknown = await validate(eksEndpointPrivate, res(T.eksComponentCluster, "e", { endpointPublicAccess: true, publicAccessCidrs: unknownValue }), config);
      assert.deepEqual(unknown.violations, []);
    });
  });
});
