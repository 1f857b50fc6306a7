import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as random from "@pulumi/random";
import * as pulumi from "@pulumi/pulumi";
import { Dependency, Replayed, sdkClass, withDependencies } from "../../scripts/bench-floor";
import { blueprintFile } from "../helpers/blueprints";
import { renderStack, renderStackFile } from "../helpers/stacks";

// Kubernetes custom resources: a program registers them through the generic apiextensions
// CustomResource too, so the floor replays them as bare CustomResources.
const customResourceGroups = ["external-secrets.io", "monitoring.coreos.com"];

describe("the SDK floor of the benchmark", () => {
  it("finds the provider SDK's class for a type token", () => {
    assert.equal(sdkClass("aws:ecs/service:Service"), aws.ecs.Service);
    assert.equal(sdkClass("aws:index/provider:Provider"), aws.Provider);
    assert.equal(sdkClass("random:index/randomPassword:RandomPassword"), random.RandomPassword);
    assert.equal(sdkClass("kubernetes:apps/v1:Deployment"), k8s.apps.v1.Deployment);
    assert.equal(sdkClass("kubernetes:networking.k8s.io/v1:Ingress"), k8s.networking.v1.Ingress);
    assert.equal(sdkClass("kubernetes:helm.sh/v3:Release"), k8s.helm.v3.Release);
    assert.equal(sdkClass("aws:ecs/noSuchThing:NoSuchThing"), undefined);
    assert.equal(sdkClass("platform:data:Database"), undefined);
  });

  it("constructs every custom resource of prod and of the EKS blueprint through its class", async () => {
    const renders = [await renderStack("prod"), await renderStackFile(blueprintFile("openmarket", "prod"))];
    const types = new Set(renders.flatMap((r) => r.resources.filter((x) => x.custom && !x.type.startsWith("pulumi:")).map((x) => x.type)));
    assert.ok(types.size > 80, `only ${types.size} types`);
    const missing = [...types].filter((t) => !sdkClass(t) && !customResourceGroups.some((g) => t.startsWith(`kubernetes:${g}/`)));
    assert.deepEqual(missing, []);
  });

  it("with dependencies: a direct reference is its dependency's existing Output, anything else an Output of the value", async () => {
    const dependency = (urn: string, values: string[]): Dependency => ({ resource: { urn: pulumi.output(urn) }, values: () => new Set(values) });
    const role = dependency("urn:role", ["role-id", "arn:aws:iam::123456789012:role/r"]);
    const queue = dependency("urn:queue", ["arn:aws:sqs:ap-northeast-2:123456789012:q"]);
    const policy = JSON.stringify({ Statement: [{ Resource: "arn:aws:sqs:ap-northeast-2:123456789012:q" }] });
    const replayed: Replayed = {
      type: "aws:iam/rolePolicy:RolePolicy",
      name: "p",
      urn: "urn:policy",
      parent: null,
      inputs: { role: "role-id", policy, both: ["role-id", "q"], name: "p", gone: "x" },
      options: { propertyDependencies: { role: ["urn:role"], policy: ["urn:queue"], both: ["urn:role", "urn:queue"], gone: ["urn:not-registered"] } },
    };
    const byUrn = new Map([
      ["urn:role", role],
      ["urn:queue", queue],
    ]);
    const inputs = withDependencies(replayed, (urn) => byUrn.get(urn));
    assert.equal(inputs.role, role.resource.urn, "a direct reference: the dependency's own Output, no new one");
    assert.ok(pulumi.Output.isInstance(inputs.policy) && inputs.policy !== queue.resource.urn);
    assert.ok(pulumi.Output.isInstance(inputs.both));
    const resolved = (value: unknown) => new Promise((resolve) => (value as pulumi.Output<unknown>).apply(resolve));
    assert.equal(await resolved(inputs.policy), policy, "a document built from its dependency keeps the recorded value");
    assert.deepEqual(await resolved(inputs.both), ["role-id", "q"]);
    assert.equal(inputs.name, "p", "an input with no dependency stays a plain value");
    assert.equal(inputs.gone, "x", "and so does one whose dependency is not registered before it");
    assert.equal(replayed.inputs.role, "role-id", "the replayed record is not changed");
  });
});
