import { strict as assert } from "assert";
import { isTaggable } from "../../../components/shared/tier";
import { loadPlatformConfig } from "../../../config";
import { outputsOf } from "../../helpers/outputs";
import { groupNames, sourcesOf } from "../../helpers/security-groups";
import { input, named, ofType, renderStack, stackConfig, stackNames } from "../../helpers/stacks";
import * as aws from "@pulumi/aws";
import * as fs from "fs";
import * as path from "path";

const internet = ["0.0.0.0/0", "::/0"];

describe("security tier", () => {
  for (const stack of stackNames) {
    describe(stack, () => {
      it("admits the internet only to the load balancer, on 80 and 443, or only CloudFront where it fronts the ALB", async () => {
        const { resources } = await renderStack(stack);
        const groups = new Map(ofType(resources, "aws:ec2/securityGroup:SecurityGroup").map((g) => [g.id, g.name]));
        const open = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
          (r) => internet.includes(String(input(r, "cidrIpv4") ?? input(r, "cidrIpv6"))),
        );
        const behindCloudFront = Boolean(loadPlatformConfig(stackConfig(stack)).edge?.cloudFront);
        assert.deepEqual(
          open.map((r) => `${groups.get(input(r, "securityGroupId"))}:${input<number>(r, "fromPort")}-${input<number>(r, "toPort")}`).sort(),
          behindCloudFront ? [] : [`platform-${stack}-alb:443-443`, `platform-${stack}-alb:80-80`],
        );
        const fromPrefixLists = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => input(r, "prefixListId"));
        assert.deepEqual(
          fromPrefixLists.map((r) => `${groups.get(input(r, "securityGroupId"))}:${input<number>(r, "fromPort")}`),
          behindCloudFront ? [`platform-${stack}-alb:443`] : [],
          "behind CloudFront, the ALB takes HTTPS from CloudFront's origin-facing list only",
        );
        assert.equal(ofType(resources, "aws:ec2/securityGroupRule:SecurityGroupRule").length, 0, "no legacy inline-style rules");
        for (const group of ofType(resources, "aws:ec2/securityGroup:SecurityGroup")) {
          assert.equal(input(group, "ingress"), undefined, `${group.name} has no inline ingress`);
        }
      });

      it("lets only the workloads that declare a store reach it, each by its own group, and gives data groups no egress", async () => {
        const { resources } = await renderStack(stack);
        const prefix = `platform-${stack}`;
        const bastion = stack === "prod" || stack === "prod-dr";
        // Seed 001: the backend reads the database and the cache; the frontend reads neither. Of the
        // jobs only data-sync reaches a store (the cache); a standby runs no jobs.
        const jobs = stack === "prod-dr" ? [] : ["lambda-data-sync:6379"];
        assert.deepEqual(sourcesOf(resources, prefix, "database"), [...(bastion ? ["bastion:5432"] : []), "ecs-backend:5432"]);
        assert.deepEqual(sourcesOf(resources, prefix, "cache"), [...(bastion ? ["bastion:6379"] : []), "ecs-backend:6379", ...jobs]);
        const groups = groupNames(resources, prefix);
        const egress = ofType(resources, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        for (const dataGroup of ["database", "cache"]) {
          assert.equal(egress.filter((r) => groups.get(input(r, "securityGroupId")) === dataGroup).length, 0, `${dataGroup} has no egress`);
        }
        if (bastion) assert.deepEqual(sourcesOf(resources, prefix, "bastion"), [], "the bastion is reached through Session Manager only");
        assert.ok(![...groups.values()].some((name) => name === "app" || name === "lambda"), "no group shared by every service or every job");
      });

      it("runs each ECS service in a group of its own, reached by its load balancer on its port and by nothing else", async () => {
        const rendered = await renderStack(stack);
        const { resources } = rendered;
        const prefix = `platform-${stack}`;
        const groups = groupNames(resources, prefix);
        const exported = outputsOf(rendered).securityGroupIds;
        assert.deepEqual(Object.keys(exported.services).sort(), ["backend", "frontend"], "the stack exports each service's group");
        for (const [name, port] of [["frontend", 3000], ["backend", 3001]] as const) {
          assert.equal(groups.get(exported.services[name]), `ecs-${name}`);
          const service = named(resources, "aws:ecs/service:Service", `${prefix}-${name}-service`);
          const attached = input<{ securityGroups: string[] }>(service, "networkConfiguration").securityGroups;
          assert.deepEqual(attached.map((id) => groups.get(id)), [`ecs-${name}`], `${name} runs in its own group`);
          assert.deepEqual(sourcesOf(resources, prefix, `ecs-${name}`), [`alb:${port}`], `${name} admits only the ALB`);
        }
      });

      it("encrypts with customer keys that rotate yearly", async () => {
        const { resources } = await renderStack(stack);
        const keys = ofType(resources, "aws:kms/key:Key");
        assert.deepEqual(keys.map((k) => k.name).sort(), ["data", "logs", "storage"].map((d) => `platform-${stack}-${d}`));
        // Losing a key loses what it encrypts: the keys are protected exactly where data is.
        const protectedData = stackConfig(stack)["platform:dataProtection"] === "protected";
        assert.deepEqual(keys.map((k) => k.options.protect), keys.map(() => protectedData));
        for (const key of keys) {
          assert.equal(input(key, "enableKeyRotation"), true);
          assert.equal(input(key, "rotationPeriodInDays"), 365);
          const policy = JSON.parse(String(input(key, "policy")));
          const actions: string[] = policy.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat());
          assert.ok(actions.every((a) => a !== "*" && a !== "kms:*" && !a.endsWith("*")), `${key.name}: key policy actions are written out`);
        }
        const logsPolicy = JSON.parse(String(input(named(resources, "aws:kms/key:Key", `platform-${stack}-logs`), "policy")));
        const services = logsPolicy.Statement.map((s: { Principal: { Service?: string } }) => s.Principal.Service).filter(Boolean);
        assert.ok(services.includes(`logs.${stack === "prod-dr" ? "ap-northeast-1" : "ap-northeast-2"}.amazonaws.com`));
      });

      it("tags every taggable resource with its tier, and the provider with the rest", async () => {
        const { resources } = await renderStack(stack);
        const [provider] = ofType(resources, "pulumi:providers:aws");
        const defaultTags = JSON.parse(String(input(provider, "defaultTags"))).tags;
        assert.deepEqual(defaultTags, { Project: "platform", Environment: stack, ManagedBy: "pulumi" });
        const taggable = resources.filter((r) => r.custom && r.type.startsWith("aws:") && declaresTags(r.type));
        assert.ok(taggable.length > 20);
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        for (const resource of taggable) {
          const tier = tierAbove(resource.parent, byUrn);
          assert.equal(input<Record<string, string>>(resource, "tags")?.Tier, tier, `${resource.type} ${resource.name}`);
        }
        const untaggable = resources.filter((r) => r.custom && r.type.startsWith("aws:") && !declaresTags(r.type));
        assert.ok(untaggable.every((r) => input(r, "tags") === undefined), "no tags pushed onto types that do not take them");
      });
    });
  }

  it("prod records the API trail in an encrypted, TLS-only bucket; of the other stacks only dev, its account's baseline, runs one", async () => {
    const prod = await renderStack("prod");
    const [trail] = ofType(prod.resources, "aws:cloudtrail/trail:Trail");
    assert.equal(input(trail, "isMultiRegionTrail"), true);
    assert.equal(input(trail, "enableLogFileValidation"), true);
    assert.match(String(input(trail, "kmsKeyId")), /^arn:aws:kms:ap-northeast-2:\d{12}:key\//);
    const policy = JSON.parse(String(input(named(prod.resources, "aws:s3/bucketPolicy:BucketPolicy", "platform-prod-trail-policy"), "policy")));
    assert.deepEqual(policy.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
    assert.equal(policy.Statement[0].Effect, "Deny");
    const write = policy.Statement.find((s: { Sid: string }) => s.Sid === "CloudTrailWrites");
    assert.equal(write.Condition.StringEquals["aws:SourceArn"], "arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/platform-prod-trail");
    // One multi-region trail per account: dev's (the dev account's), prod's (it records Tokyo too).
    // Renders one at a time: the mock cloud is the process's.
    const trails: Record<string, number> = {};
    for (const s of stackNames) trails[s] = ofType((await renderStack(s)).resources, "aws:cloudtrail/trail:Trail").length;
    assert.deepEqual(trails, { dev: 1, staging: 0, prod: 1, "prod-dr": 0 });
  });

  it("logs every request to the trail bucket into the log bucket, which admits S3's log delivery from that bucket (CIS 3.4)", async () => {
    const prod = await renderStack("prod");
    const trailBucket = named(prod.resources, "aws:s3/bucket:Bucket", "platform-prod-trail");
    const logBucket = named(prod.resources, "aws:s3/bucket:Bucket", "platform-prod-logs");
    const logging = named(prod.resources, "aws:s3/bucketLogging:BucketLogging", "platform-prod-trail-access-logs");
    assert.deepEqual([input(logging, "bucket"), input(logging, "targetBucket"), input(logging, "targetPrefix")], [trailBucket.id, logBucket.id, "s3-access/cloudtrail/"]);
    // S3 checks the target's policy when the logging is created: the grant must exist first.
    assert.ok(logging.options.dependsOn.includes(named(prod.resources, "aws:s3/bucketPolicy:BucketPolicy", "platform-prod-logs-policy").urn));
    const policy = JSON.parse(String(input(named(prod.resources, "aws:s3/bucketPolicy:BucketPolicy", "platform-prod-logs-policy"), "policy")));
    const grant = policy.Statement.find((s: { Sid: string }) => s.Sid === "S3WritesServerAccessLogs");
    assert.ok(grant.Condition.ArnEquals["aws:SourceArn"].includes(`arn:aws:s3:::${trailBucket.id}`), JSON.stringify(grant.Condition));
  });

  it("runs the bastion as a private host reached only through Session Manager, where config asks for one", async () => {
    const prod = await renderStack("prod");
    const [instance] = ofType(prod.resources, "aws:ec2/instance:Instance").filter((i) => i.name === "platform-prod-bastion");
    assert.ok(instance, "prod has a bastion host");
    const appSubnets = ofType(prod.resources, "aws:ec2/subnet:Subnet").filter((s) => /-app-/.test(s.name)).map((s) => s.id);
    assert.ok(appSubnets.includes(String(input(instance, "subnetId"))), "in a private app subnet");
    assert.equal(input(instance, "associatePublicIpAddress"), false);
    assert.deepEqual(input(instance, "metadataOptions"), { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 });
    assert.equal(input<{ encrypted: boolean }>(instance, "rootBlockDevice").encrypted, true);
    assert.equal(input(instance, "keyName"), undefined, "no SSH key");
    const bastionGroup = named(prod.resources, "aws:ec2/securityGroup:SecurityGroup", "platform-prod-bastion");
    assert.deepEqual(input(instance, "vpcSecurityGroupIds"), [bastionGroup.id]);
    const profile = named(prod.resources, "aws:iam/instanceProfile:InstanceProfile", "platform-prod-bastion-profile");
    assert.equal(input(instance, "iamInstanceProfile"), input(profile, "name"));
    const trust = JSON.parse(String(input(named(prod.resources, "aws:iam/role:Role", "platform-prod-bastion-role"), "assumeRolePolicy")));
    assert.deepEqual(trust.Statement[0].Principal, { Service: "ec2.amazonaws.com" });
    assert.equal(trust.Statement[0].Condition, undefined, "EC2 sends no aws:SourceAccount for instance profiles: a condition would lock the bastion out");
    const policy = JSON.parse(String(input(named(prod.resources, "aws:iam/rolePolicy:RolePolicy", "platform-prod-bastion-session-manager"), "policy")));
    assert.deepEqual(
      policy.Statement.map((st: { Action: string[]; Resource: string }) => [st.Action, st.Resource]),
      [
        [["ssm:UpdateInstanceInformation"], `arn:aws:ec2:ap-northeast-2:123456789012:instance/${instance.id}`],
        [["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], "*"],
      ],
      "registers only itself; the session channels take no resource but *",
    );
    assert.equal(ofType((await renderStack("dev")).resources, "aws:iam/instanceProfile:InstanceProfile").length, 0, "dev runs none");
  });

  it("keeps the data stores' groups as deployed: a new description would replace the group under a live database", async () => {
    const { resources } = await renderStack("prod");
    // The provider marks a group's description ForceNew: these are the texts prod was deployed with.
    assert.deepEqual(
      ["database", "cache"].map((role) => input(named(resources, "aws:ec2/securityGroup:SecurityGroup", `platform-prod-${role}`), "description")),
      ["Database: from app, jobs and bastion only", "Cache: from app, jobs and bastion only"],
    );
  });

  it("runs GuardDuty where the account baseline of the stack's account and region enables it", async () => {
    const counts = await Promise.all(stackNames.map(async (s) => ofType((await renderStack(s)).resources, "aws:guardduty/detector:Detector").length));
    assert.deepEqual(counts, [0, 1, 1, 1]);
  });

  it("recognises taggable resource classes from the provider's generated code", () => {
    const vpc = Object.create(aws.ec2.Vpc.prototype);
    const route = Object.create(aws.ec2.Route.prototype);
    assert.equal(isTaggable(vpc, "aws:ec2/vpc:Vpc"), true);
    assert.equal(isTaggable(route, "aws:ec2/route:Route"), false);
  });
});

/**
 * Whether a type takes tags, read from the provider's type declarations (`<Name>Args.tags`):
 * an oracle independent of the class-source check the program uses.
 */
const declared = new Map<string, boolean>();
function declaresTags(type: string): boolean {
  let known = declared.get(type);
  if (known === undefined) {
    const match = /^aws:([a-zA-Z0-9]+)\/([a-zA-Z0-9]+):([A-Za-z0-9]+)$/.exec(type);
    assert.ok(match, `unexpected type token ${type}`);
    const file = path.join(path.dirname(require.resolve("@pulumi/aws/package.json")), match[1], `${match[2]}.d.ts`);
    const source = fs.readFileSync(file, "utf8");
    const args = source.slice(source.indexOf(`export interface ${match[3]}Args {`));
    known = /\n {4}tags\?: /.test(args.slice(0, args.indexOf("\n}")));
    declared.set(type, known);
  }
  return known;
}

function tierAbove(urn: string | undefined, byUrn: Map<string, { type: string; parent: string | undefined }>): string | undefined {
  for (let node = urn ? byUrn.get(urn) : undefined; node; node = node.parent ? byUrn.get(node.parent) : undefined) {
    const match = /^platform:([a-z]+):/.exec(node.type);
    if (match && match[1] !== "shared") return match[1];
  }
  return undefined;
}
