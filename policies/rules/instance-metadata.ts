/**
 * IMDSv2: instances answer metadata requests only with a session token, so an SSRF in a workload
 * cannot read the instance role's credentials with a plain GET (Checkov CKV_AWS_79, CIS 5.6), and
 * the token does not travel beyond the instance (hop limit 1: Checkov CKV_AWS_341).
 *
 * `httpTokens` left unset is not IMDSv2: the default then comes from the AMI's `ImdsSupport` and
 * the account's metadata defaults, which the program does not decide ("Configure the instance
 * metadata options", Amazon EC2 User Guide). An unset hop limit is 1 (the provider's default).
 */
import { PlatformRule, rule } from "../lib/rule";
import { T } from "../lib/types";
import { present, text } from "../lib/values";

/** What the rule reads of `metadataOptions` (instances and launch templates share the shape). */
interface MetadataOptions {
  readonly httpEndpoint?: unknown;
  readonly httpTokens?: unknown;
  readonly httpPutResponseHopLimit?: unknown;
}

function metadataProblems(options: MetadataOptions | undefined, maxHopLimit: number, unknown: (v: unknown, p: string) => boolean): string[] {
  if (unknown(options, "metadataOptions")) return [];
  if (options?.httpEndpoint === "disabled") return [];
  const problems: string[] = [];
  if (options?.httpTokens !== "required") {
    problems.push(`metadataOptions.httpTokens is ${text(options?.httpTokens ?? "unset")}: IMDSv1 answers without a token; set httpTokens "required"`);
  }
  const hops = options?.httpPutResponseHopLimit;
  if (present(hops) && Number(hops) > maxHopLimit) problems.push(`metadataOptions.httpPutResponseHopLimit ${text(hops)} lets the token leave the instance: at most ${maxHopLimit}`);
  return problems;
}

export const imdsv2Required = rule({
  name: "imdsv2-required",
  description: "Instances, launch templates and EKS node groups require IMDSv2 (session tokens) with a hop limit of 1.",
  theme: "iam",
  scope: "mandatory",
  fix: "metadataOptions { httpEndpoint: \"enabled\", httpTokens: \"required\", httpPutResponseHopLimit: 1 }; node groups: a launch template with those options (eks.ManagedNodeGroup: enableIMDSv2).",
  controls: { checkov: ["CKV_AWS_79", "CKV_AWS_341"], cis: ["5.6"] },
  types: [T.instance, T.launchTemplate, T.eksNodeGroup, T.eksComponentManagedNodeGroup, T.eksComponentCluster],
  configSchema: {
    properties: {
      maxHopLimit: { type: "integer", minimum: 1, maximum: 64, default: 1, description: "Highest httpPutResponseHopLimit accepted (2 lets containers without host networking reach the metadata service)." },
    },
  },
  defaults: { maxHopLimit: 1 },
  checkResource(r, c) {
    const p = r.props;
    switch (r.type) {
      case T.instance:
        // An instance from a launch template takes the template's options unless it sets its own.
        if (present(p.launchTemplate) && !present(p.metadataOptions)) return;
        metadataProblems(p.metadataOptions as MetadataOptions | undefined, c.config.maxHopLimit, c.unknown).forEach((m) => c.report(m));
        return;
      case T.launchTemplate:
        metadataProblems(p.metadataOptions as MetadataOptions | undefined, c.config.maxHopLimit, c.unknown).forEach((m) => c.report(m));
        return;
      case T.eksNodeGroup:
        if (!present(p.launchTemplate)) c.report("no launch template: the nodes take EKS's own metadata options; give a launch template that requires IMDSv2");
        return;
      case T.eksComponentManagedNodeGroup:
        if (present(p.launchTemplate) || c.unknown(p.enableIMDSv2, "enableIMDSv2")) return;
        if (p.enableIMDSv2 !== true) c.report("the nodes answer IMDSv1: set enableIMDSv2: true or give a launch template that requires IMDSv2");
        return;
      case T.eksComponentCluster:
        // @pulumi/eks offers no metadata options for the default node group.
        if (p.skipDefaultNodeGroup === true || present(p.fargate) || c.unknown(p.skipDefaultNodeGroup, "skipDefaultNodeGroup")) return;
        c.report("the default node group cannot require IMDSv2: set skipDefaultNodeGroup: true and add node groups with launch templates");
        return;
    }
  },
});

export const instanceMetadataRules: readonly PlatformRule[] = [imdsv2Required];
