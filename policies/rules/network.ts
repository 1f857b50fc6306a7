/** Network exposure: nothing reachable from the internet except the load balancers' 80/443. */
import { PlatformRule, rule } from "../lib/rule";
import { StackResource, StackView } from "../lib/stack-view";
import { buckets, loadBalancers, T } from "../lib/types";
import { isUnknown } from "../lib/unknown";
import { isTrue, list, present, text } from "../lib/values";

const internet = ["0.0.0.0/0", "::/0"];

export interface OpenRule {
  readonly ports: string;
  /** Only TCP 80 or 443: acceptable on a load balancer's group. */
  readonly webPort: boolean;
}

/** The internet-facing part of an ingress rule, or undefined when it admits no internet source. */
export function internetIngress(rule: { protocol?: unknown; fromPort?: unknown; toPort?: unknown; cidrs: readonly unknown[] }): OpenRule | undefined {
  if (!rule.cidrs.some((cidr) => typeof cidr === "string" && internet.includes(cidr))) return undefined;
  // Ports or protocol not known yet (a preview): not judged here; the resource check reports it.
  if ([rule.protocol, rule.fromPort, rule.toPort].some(isUnknown)) return undefined;
  const protocol = text(rule.protocol ?? "-1").toLowerCase();
  const all = protocol === "-1" || protocol === "all";
  const from = Number(rule.fromPort);
  const to = Number(rule.toPort ?? rule.fromPort);
  const tcp = protocol === "tcp" || protocol === "6";
  return {
    ports: all ? "all traffic" : `${protocol} ${from === to ? from : `${from}-${to}`}`,
    webPort: tcp && from === to && (from === 80 || from === 443),
  };
}

/** An inline ingress rule of a security group, as the checks read it. */
interface InlineIngress {
  readonly protocol?: unknown;
  readonly fromPort?: unknown;
  readonly toPort?: unknown;
  readonly cidrBlocks?: unknown;
  readonly ipv6CidrBlocks?: unknown;
}

/** Internet ingress entries of a group or rule resource (inline rules of a group included). */
function openRulesOf(r: { type: string; props: Record<string, unknown> }): OpenRule[] {
  const p = r.props;
  if (r.type === T.securityGroup) {
    return list<InlineIngress | undefined>(p.ingress)
      .map((i) => internetIngress({ protocol: i?.protocol, fromPort: i?.fromPort, toPort: i?.toPort, cidrs: [...list(i?.cidrBlocks), ...list(i?.ipv6CidrBlocks)] }))
      .filter((o): o is OpenRule => !!o);
  }
  if (r.type === T.securityGroupRule && p.type !== "ingress") return [];
  const open =
    r.type === T.ingressRule
      ? internetIngress({ protocol: p.ipProtocol, fromPort: p.fromPort, toPort: p.toPort, cidrs: [p.cidrIpv4, p.cidrIpv6] })
      : internetIngress({ protocol: p.protocol, fromPort: p.fromPort, toPort: p.toPort, cidrs: [...list(p.cidrBlocks), ...list(p.ipv6CidrBlocks)] });
  return open ? [open] : [];
}

const ingressTypes = [T.securityGroup, T.securityGroupRule, T.ingressRule];

/**
 * The security groups of the stack that admit 0.0.0.0/0 or ::/0 on some port (inline rules and
 * rule resources alike), and whether a rule's group could not be linked.
 */
export function groupsOpenToInternet(stack: StackView): { readonly groups: ReadonlySet<StackResource>; readonly undecided: readonly string[] } {
  const groups = new Set<StackResource>();
  const undecided: string[] = [];
  for (const r of stack.ofType(...ingressTypes)) {
    if (openRulesOf(r).length === 0) continue;
    if (r.type === T.securityGroup) {
      groups.add(r);
      continue;
    }
    const link = stack.link(r, "securityGroupId", [T.securityGroup]);
    if (!link.known) undecided.push(`${r.name}: its security group`);
    else link.targets.forEach((g) => groups.add(g));
  }
  return { groups, undecided };
}
/** Types that may carry internet ingress on 80/443: the load balancers (and Kubernetes Ingresses the AWS Load Balancer Controller turns into ALBs). */
const loadBalancerTypes = [...loadBalancers, T.awsxAlb, T.awsxNlb, T.k8sIngress];
/** Security-group plumbing that refers to groups without attaching them to anything. */
const ruleTypes = [T.securityGroup, T.securityGroupRule, T.ingressRule, T.egressRule];

/** What a group is attached to: cloud resources (not rules, not our own components) that refer to it. */
function attachments(stack: StackView, group: StackResource): StackResource[] {
  return stack.resources.filter(
    (r) => r !== group && !ruleTypes.includes(r.type as (typeof ruleTypes)[number]) && /^(aws|awsx|eks|kubernetes):/.test(r.type) && stack.references(r, group),
  );
}

export const noPublicIngress = rule({
  name: "no-public-ingress",
  description: "No ingress from 0.0.0.0/0 or ::/0, except TCP 80/443 on groups attached only to load balancers.",
  theme: "network",
  scope: "mandatory",
  fix: "Reference the source security group instead of a CIDR; only the load balancer's group takes 80/443 from the internet.",
  controls: { cdkNag: ["AwsSolutions-EC23",  "AwsSolutions-RDS8"], checkov: ["CKV_AWS_24",  "CKV_AWS_25",  "CKV_AWS_260",  "CKV_AWS_277"], cis: ["5.2",  "5.3"] },
  types: ingressTypes,
  checkResource(r, c) {
    const p = r.props;
    const cidrs = r.type === T.securityGroup ? list<InlineIngress | undefined>(p.ingress).flatMap((i) => [...list(i?.cidrBlocks), ...list(i?.ipv6CidrBlocks)]) : [p.cidrIpv4, p.cidrIpv6, ...list(p.cidrBlocks), ...list(p.ipv6CidrBlocks)];
    if (cidrs.some(isUnknown) || isUnknown(p.ingress)) c.undecided("source CIDR");
    if ([p.protocol, p.ipProtocol, p.fromPort, p.toPort].some(isUnknown) || list<InlineIngress | undefined>(p.ingress).some((i) => [i?.protocol, i?.fromPort, i?.toPort].some(isUnknown))) c.undecided("ports");
    for (const open of openRulesOf(r)) {
      if (!open.webPort) c.report(`opens ${open.ports} to the internet`);
    }
  },
  checkStack(stack, c) {
    const groups = new Map<StackResource, string[]>();
    for (const r of stack.ofType(...ingressTypes)) {
      const web = openRulesOf(r).filter((o) => o.webPort);
      if (web.length === 0) continue;
      let owners: readonly StackResource[] = [r];
      if (r.type !== T.securityGroup) {
        const link = stack.link(r, "securityGroupId", [T.securityGroup]);
        if (!link.known) {
          c.undecided(`${r.name}: its security group`);
          continue;
        }
        owners = link.targets;
      }
      for (const group of owners) groups.set(group, [...(groups.get(group) ?? []), ...web.map((o) => o.ports)]);
    }
    for (const [group, ports] of groups) {
      // An unattached group exposes nothing; it is judged again when something attaches to it.
      const other = attachments(stack, group).filter((a) => !loadBalancerTypes.includes(a.type as (typeof loadBalancerTypes)[number]));
      for (const a of other) {
        c.report(`group ${group.name} takes ${[...new Set(ports)].join(", ")} from the internet and is attached to ${a.type.split(":").pop()} ${a.name}, not only a load balancer`, group.urn);
      }
    }
  },
});

export const noPublicIps = rule({
  name: "no-public-ips",
  description: "No public IPs on tasks, nodes, instances or subnets (a NAT instance's Elastic IP excepted).",
  theme: "network",
  scope: "mandatory",
  fix: "Run in private subnets behind NAT: associatePublicIpAddress / assignPublicIp / mapPublicIpOnLaunch false.",
  controls: { checkov: ["CKV_AWS_88",  "CKV_AWS_130",  "CKV_AWS_333"], awsguard: ["ec2-instance-no-public-ip"] },
  types: [T.instance, T.launchTemplate, T.ecsService, T.awsxFargateService, T.subnet, T.eksComponentCluster],
  checkResource(r, c) {
    const p = r.props;
    switch (r.type) {
      case T.instance:
        if (isTrue(p.associatePublicIpAddress)) c.report("instance asks for a public IP");
        return;
      case T.launchTemplate:
        list<{ associatePublicIpAddress?: unknown } | undefined>(p.networkInterfaces).forEach((n, i) => isTrue(n?.associatePublicIpAddress) && c.report(`networkInterfaces[${i}] asks for a public IP`));
        return;
      case T.ecsService:
      case T.awsxFargateService:
        if (isTrue((p.networkConfiguration as { assignPublicIp?: unknown } | undefined)?.assignPublicIp) || isTrue(p.assignPublicIp)) c.report("tasks get public IPs: set assignPublicIp false and use private subnets");
        return;
      case T.subnet:
        if (isTrue(p.mapPublicIpOnLaunch)) c.report("subnet hands out public IPs on launch: set mapPublicIpOnLaunch false");
        return;
      case T.eksComponentCluster:
        if (p.skipDefaultNodeGroup === true || present(p.fargate) || c.unknown(p.skipDefaultNodeGroup, "skipDefaultNodeGroup")) return;
        if (!c.unknown(p.nodeAssociatePublicIpAddress, "nodeAssociatePublicIpAddress") && p.nodeAssociatePublicIpAddress !== false) c.report("the default node group's nodes get public IPs: set nodeAssociatePublicIpAddress false (or skipDefaultNodeGroup)");
        return;
    }
  },
  checkStack(stack, c) {
    for (const eip of stack.ofType(T.eip)) {
      const viaInstance = stack.link(eip, "instance", [T.instance]);
      if (!viaInstance.known) {
        c.undecided(`${eip.name}: its instance`);
        continue;
      }
      for (const instance of viaInstance.targets) {
        // A NAT appliance forwards for others (source/dest check off) and needs the address to do so.
        if (c.unknown(instance.props.sourceDestCheck, `${instance.name}.sourceDestCheck`)) continue;
        if (instance.props.sourceDestCheck !== false) c.report(`Elastic IP ${eip.name} gives instance ${instance.name} a public address`, eip.urn);
      }
    }
  },
});

export const dataStoresPrivate = rule({
  name: "data-stores-private",
  description: "Databases are not publicly accessible.",
  theme: "network",
  scope: "mandatory",
  fix: "publiclyAccessible: false; reach the database through the app tier or the bastion.",
  controls: { checkov: ["CKV_AWS_17"], cis: ["2.3.3"], awsguard: ["rds-instance-public-access"] },
  types: [T.rdsInstance, T.rdsClusterInstance],
  checkResource(r, c) {
    if (!c.unknown(r.props.publiclyAccessible, "publiclyAccessible") && r.props.publiclyAccessible === true) c.report("database has a public endpoint");
  },
});

const publicAcls = ["public-read", "public-read-write", "authenticated-read"];
const blockFlags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const s3PublicAccessBlocked = rule({
  name: "s3-public-access-blocked",
  description: "Every bucket blocks public access (all four public-access-block settings) and grants no public ACL.",
  theme: "network",
  scope: "mandatory",
  fix: "Add a BucketPublicAccessBlock with all four flags true (SecureBucket does); serve public content through CloudFront with origin access control.",
  controls: { cdkNag: ["AwsSolutions-S2"], checkov: ["CKV_AWS_20",  "CKV_AWS_53",  "CKV_AWS_54",  "CKV_AWS_55",  "CKV_AWS_56",  "CKV_AWS_57",  "CKV2_AWS_6"], cis: ["2.1.4"] },
  types: [T.bucketAcl, T.bucketAclV2, ...buckets],
  checkResource(r, c) {
    if (typeof r.props.acl === "string" && publicAcls.includes(r.props.acl)) c.report(`grants the ${r.props.acl} ACL`);
  },
  checkStack(stack, c) {
    for (const bucket of stack.ofType(...buckets)) {
      const { sources, unknown } = stack.linkedTo(bucket, [T.bucketPublicAccessBlock], "bucket");
      const complete = sources.find((b) => blockFlags.every((flag) => b.props[flag] === true));
      if (complete) continue;
      if (unknown.length > 0 || sources.some((b) => blockFlags.some((flag) => isUnknown(b.props[flag])))) c.undecided(`${bucket.name}: its public access block`);
      else if (sources.length > 0) c.report(`bucket ${bucket.name}: public access block leaves ${blockFlags.filter((f) => sources[0].props[f] !== true).join(", ")} off`, bucket.urn);
      else c.report(`bucket ${bucket.name} has no public access block`, bucket.urn);
    }
  },
});

export const cacheAuth = rule({
  name: "cache-auth",
  description: "Redis replication groups require authentication (an AUTH token or RBAC user groups).",
  theme: "network",
  scope: "mandatory",
  fix: "Generate an AUTH token with @pulumi/random into Secrets Manager and pass it as authToken, or use userGroupIds.",
  controls: { cdkNag: ["AwsSolutions-AEC6"], checkov: ["CKV_AWS_31"] },
  types: [T.cacheReplicationGroup],
  checkResource(r, c) {
    const p = r.props;
    if (!present(p.authToken) && !present(p.authTokenWo) && list(p.userGroupIds).length === 0) c.report("any client in the network may connect: set authToken or userGroupIds");
  },
});

type EndpointView = { publicAccess: unknown; cidrs: unknown };

function endpointOf(r: { type: string; props: Record<string, unknown> }): EndpointView {
  const vpcConfig = r.props.vpcConfig as { endpointPublicAccess?: unknown; publicAccessCidrs?: unknown } | undefined;
  return r.type === T.eksCluster
    ? { publicAccess: vpcConfig?.endpointPublicAccess, cidrs: vpcConfig?.publicAccessCidrs }
    : { publicAccess: r.props.endpointPublicAccess, cidrs: r.props.publicAccessCidrs };
}

export const eksEndpointPrivate = rule({
  name: "eks-endpoint-private",
  description: "The EKS API endpoint is private, or public only to the stack's declared deployer ranges (the CI runners that run pulumi up).",
  theme: "network",
  scope: "per-environment",
  fix: "endpointPublicAccess: false and endpointPrivateAccess: true, or publicAccessCidrs limited to the deployer ranges the stack declares (platform:compute.eks.endpoint.deployerCidrs).",
  controls: { cdkNag: ["AwsSolutions-EKS1"], checkov: ["CKV_AWS_39"] },
  types: [T.eksCluster, T.eksComponentCluster],
  configSchema: {
    properties: {
      deployerCidrs: {
        type: "array",
        items: { type: "string" },
        description: "Where pulumi up runs (the stack's compute.eks.endpoint.deployerCidrs): a public endpoint open to these alone passes.",
      },
    },
  },
  defaults: { deployerCidrs: [] as string[] },
  checkResource(r, c) {
    const { publicAccess, cidrs } = endpointOf(r);
    if (c.unknown(publicAccess, "endpointPublicAccess")) return;
    // Both the AWS API and @pulumi/eks default to a public endpoint.
    if (publicAccess === false) return;
    const deployers = c.config.deployerCidrs;
    if (deployers.length === 0) return c.report("the Kubernetes API has a public endpoint");
    // A program that creates Kubernetes objects needs the API from where it runs: its deployers, declared in config.
    if (c.unknown(cidrs, "publicAccessCidrs")) return;
    const open = list<string>(cidrs);
    if (open.length === 0) return c.report("the Kubernetes API has a public endpoint open to every address, not only the declared deployer ranges");
    const others = open.filter((cidr) => !deployers.includes(cidr));
    if (others.length > 0) {
      c.report(`the Kubernetes API has a public endpoint open to ${others.join(", ")}, which ${others.length === 1 ? "is not a declared deployer range" : "are not declared deployer ranges"} (platform:compute.eks.endpoint.deployerCidrs)`);
    }
  },
});

export const eksEndpointRestricted = rule({
  name: "eks-endpoint-restricted",
  description: "A public EKS API endpoint, where one is allowed, is limited to named CIDRs (never 0.0.0.0/0).",
  theme: "network",
  scope: "mandatory",
  fix: "List the office / VPN CIDRs in publicAccessCidrs, or make the endpoint private.",
  controls: { checkov: ["CKV_AWS_38"] },
  types: [T.eksCluster, T.eksComponentCluster],
  checkResource(r, c) {
    const { publicAccess, cidrs } = endpointOf(r);
    if (publicAccess === false || c.unknown(publicAccess, "endpointPublicAccess") || c.unknown(cidrs, "publicAccessCidrs")) return;
    const list_ = list<string>(cidrs);
    if (list_.length === 0) c.report("public endpoint open to 0.0.0.0/0 (no publicAccessCidrs)");
    else if (list_.some((cidr) => internet.includes(cidr))) c.report("public endpoint open to 0.0.0.0/0");
  },
});

export const networkRules: readonly PlatformRule[] = [noPublicIngress, noPublicIps, dataStoresPrivate, s3PublicAccessBlocked, cacheAuth, eksEndpointPrivate, eksEndpointRestricted];
