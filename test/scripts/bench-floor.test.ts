import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as random from "@pulumi/random";
import { sdkClass } from "../../scripts/bench-floor";
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
});
