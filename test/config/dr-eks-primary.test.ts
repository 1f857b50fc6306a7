import { strict as assert } from "assert";
import { z } from "zod";
import { loadPlatformConfig } from "../../config";
import { checkFailoverName, FailoverCheckInput } from "../../config/sections/failover-checks";
import { readStackFile } from "../../automation/plan/stack-file";
import { assertIssue, configIssues } from "../helpers/config";
import { blueprintFile } from "../helpers/blueprints";

/** OpenMarket's primary (seed 004): its Ingress ALB answers the pair's failover name as the PRIMARY. */
const openMarketPrimary = (): Record<string, string> => ({ ...readStackFile(blueprintFile("openmarket", "prod")).config });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test edits the stack file's JSON as it is
function edit(key: string, change: (section: Record<string, any>) => void): Record<string, string> {
  const config = openMarketPrimary();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  const section = JSON.parse(config[`platform:${key}`]) as Record<string, any>;
  change(section);
  config[`platform:${key}`] = JSON.stringify(section);
  return config;
}

/** The problems `checkFailoverName` reports for one input, as `path: message` lines. */
function problems(input: FailoverCheckInput): string[] {
  const result = z
    .unknown()
    .superRefine((_, ctx) => checkFailoverName(input, ctx))
    .safeParse(undefined);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

/** A config whose services no longer route through the Ingress, nor its web ACL to the ALB. */
function withoutIngress(config: Record<string, string>): Record<string, string> {
  const edge = JSON.parse(config["platform:edge"]) as Record<string, unknown>;
  delete edge.waf;
  return { ...config, "platform:edge": JSON.stringify(edge) };
}

describe("config: an EKS primary's failover name (OpenMarket prod)", () => {
  it("takes the pair's failover name beside its own: its Ingress serves both", () => {
    assert.deepEqual(configIssues(openMarketPrimary()), []);
    const config = loadPlatformConfig(openMarketPrimary());
    assert.deepEqual(config.dr?.failover, { domainName: "www.openmarket.com" });
    assert.equal(config.edge?.domainName, "www-seoul.openmarket.com");
  });

  it("refuses a failover name outside the zone, one of its own names, or without services on the Ingress", () => {
    assertIssue(configIssues(edit("dr", (dr) => (dr.failover = { domainName: "www.openmarket.net" }))), "platform:dr.failover.domainName", "is not in the hosted zone openmarket.com");
    assertIssue(configIssues(edit("dr", (dr) => (dr.failover = { domainName: "www-seoul.openmarket.com" }))), "platform:dr.failover.domainName", "is one of this stack's own edge names");
    const noIngress = withoutIngress(edit("compute", (compute) => compute.services.forEach((s: { routing: object }) => (s.routing = { loadBalancer: "none" }))));
    assertIssue(configIssues(noIngress), "platform:dr.failover", "needs this stack's Ingress ALB");
  });

  it("refuses it on an ECS primary, whose listener the standby's dr tier gives the name's certificate", () => {
    const ecsPrimary = readStackFile(blueprintFile("onno", "prod")).config;
    const dr = JSON.parse(ecsPrimary["platform:dr"]) as Record<string, unknown>;
    const config = { ...ecsPrimary, "platform:dr": JSON.stringify({ ...dr, failover: { domainName: "api.onno.app" } }) };
    assertIssue(configIssues(config), "platform:dr.failover", "is set only on a standby stack (role: standby)");
  });

  it("refuses a region whose ALB hosted zone the platform does not know, naming the region", () => {
    const input: FailoverCheckInput = {
      region: "mx-central-1",
      role: "primary",
      dr: { failover: { domainName: "www.openmarket.com" } },
      edge: { zone: { name: "openmarket.com" }, domainName: "www-seoul.openmarket.com" },
      compute: { engine: "eks", services: [{ routing: { loadBalancer: "alb" } }] },
    };
    assert.deepEqual(problems(input), [
      "region: is mx-central-1, whose Application Load Balancer hosted zone the platform does not know (model/edge/alb-zones.ts, from AWS's table in \"Elastic Load Balancing endpoints and quotas\"): the failover record's alias needs it",
    ]);
    assert.deepEqual(problems({ ...input, region: "ap-northeast-2" }), []);
  });
});
