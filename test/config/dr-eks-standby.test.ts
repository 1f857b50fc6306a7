import { strict as assert } from "assert";
import { loadPlatformConfig } from "../../config";
import { readStackFile } from "../../automation/plan/stack-file";
import { assertIssue, configIssues, editSection } from "../helpers/config";
import { blueprintFile } from "../helpers/blueprints";

/** OpenMarket's standby (seed 004): an EKS cluster, an Aurora MySQL secondary, jobs on the uploads replica. */
const openMarketStandby = (): Record<string, string> => ({ ...readStackFile(blueprintFile("openmarket", "prod-dr")).config });

/** OpenMarket prod-dr's config with one `platform:<key>` section (parsed from its JSON) changed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test edits the stack file's JSON as it is
function edit(key: string, change: (section: Record<string, any>) => void): Record<string, string> {
  const config = openMarketStandby();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  const section = JSON.parse(config[`platform:${key}`]) as Record<string, any>;
  change(section);
  config[`platform:${key}`] = JSON.stringify(section);
  return config;
}

/** A config whose services no longer route through the Ingress, nor its web ACL to the ALB. */
function withoutIngress(config: Record<string, string>): Record<string, string> {
  const edge = JSON.parse(config["platform:edge"]) as Record<string, unknown>;
  delete edge.waf;
  return { ...config, "platform:edge": JSON.stringify(edge) };
}

describe("config: an EKS standby (OpenMarket prod-dr)", () => {
  it("accepts the blueprint as its file has it: the jobs use the uploads replica and the standby's cache", () => {
    assert.deepEqual(configIssues(openMarketStandby()), []);
    const config = loadPlatformConfig(openMarketStandby());
    assert.deepEqual(config.dr?.standby, { mode: "warm", tasksPerService: 1, nodesPerGroup: 1 });
    assert.equal(config.jobs.functions[0].triggers[0].type === "s3" && config.jobs.functions[0].triggers[0].bucket, "uploads");
  });

  it("keeps at least one pod per service standing by: an HPA's minReplicas is at least 1", () => {
    const pilot = edit("dr", (dr) => (dr.standby = { mode: "pilot-light", tasksPerService: 0, nodesPerGroup: 1 }));
    assertIssue(configIssues(pilot), "platform:dr.standby.tasksPerService", "is 0, but compute.engine eks scales with HorizontalPodAutoscalers, whose minReplicas is at least 1: use mode warm with 1");
  });

  it("takes nodesPerGroup on an EKS standby only, and no more than a group's maxSize", () => {
    assertIssue(configIssues(edit("dr", (dr) => (dr.standby.nodesPerGroup = 7))), "platform:dr.standby.nodesPerGroup", "is 7, above node group general's maxSize 6");
    const ecs = editSection("prod-dr", "dr", (dr) => (dr.standby = { mode: "pilot-light", tasksPerService: 0, nodesPerGroup: 1 }));
    assertIssue(configIssues(ecs), "platform:dr.standby.nodesPerGroup", "applies with compute.engine eks only (its node groups), not ecs");
  });

  it("requires the failover name on an EKS standby, as on an ECS one, and takes the blueprint's", () => {
    assert.deepEqual(loadPlatformConfig(openMarketStandby()).dr?.failover, { domainName: "www.openmarket.com" });
    assertIssue(configIssues(edit("dr", (dr) => delete dr.failover)), "platform:dr.failover", "is required on a standby stack");
  });

  it("refuses a failover name without services on the Ingress: the SECONDARY record answers with the Ingress ALB", () => {
    const config = withoutIngress(edit("compute", (compute) => compute.services.forEach((s: { routing: object }) => (s.routing = { loadBalancer: "none" }))));
    assertIssue(configIssues(config), "platform:dr.failover", "needs this stack's Ingress ALB: services routed through the ALB (routing.loadBalancer alb)");
  });

  it("refuses a failover name outside the edge's zone, or one of the stack's own names", () => {
    assertIssue(configIssues(edit("dr", (dr) => (dr.failover.domainName = "www.openmarket.net"))), "platform:dr.failover.domainName", "is not in the hosted zone openmarket.com");
    assertIssue(configIssues(edit("dr", (dr) => (dr.failover.domainName = "www-tokyo.openmarket.com"))), "platform:dr.failover.domainName", "is one of this stack's own edge names");
  });

  it("refuses a job on a bucket that is neither the stack's nor a replica, naming both lists", () => {
    const config = edit("jobs", (jobs) => (jobs.functions[0].triggers[0].bucket = "orders"));
    assertIssue(configIssues(config), "platform:jobs.functions[0].triggers[0].bucket", "is not a bucket of platform:storage or platform:dr.replica.buckets (allowed: uploads)");
  });

  it("needs the replica cache for a job that reaches the cache", () => {
    const config = edit("dr", (dr) => {
      dr.promote.cache = "none";
      delete dr.replica.cache;
    });
    assertIssue(configIssues(config), "platform:jobs.functions[3].reaches[0]", "names the cache but the stack has none");
  });
});
