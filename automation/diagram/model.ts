import { tierOf } from "../plan/tree";
import { list, PlannedResource, record, ResourceIndex, str } from "../cost/graph";

/** Where a node sits: outside the region, in a subnet tier of the VPC, or regional outside the VPC. */
export type Zone = "internet" | "public" | "app" | "data" | "regional";

export type NodeKind =
  | "users"
  | "dns"
  | "cdn"
  | "waf"
  | "loadBalancer"
  | "service"
  | "cluster"
  | "job"
  | "trigger"
  | "database"
  | "cache"
  | "bucket"
  | "registry"
  | "queue"
  | "nat"
  | "instance"
  | "endpoints"
  | "alarms"
  | "topic";

export interface DiagramNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly tier: string;
  readonly zone: Zone;
  /** Logical names of the resources drawn as this node. */
  readonly resources: readonly string[];
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  /** Drawn dotted: a protection or notification, not a request path. */
  readonly dotted?: boolean;
}

export interface Diagram {
  readonly region: string;
  readonly vpcCidr?: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

export const t = {
  zone: "aws:route53/zone:Zone",
  record: "aws:route53/record:Record",
  distribution: "aws:cloudfront/distribution:Distribution",
  webAcl: "aws:wafv2/webAcl:WebAcl",
  webAclAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  alb: "aws:alb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  listenerRule: "aws:lb/listenerRule:ListenerRule",
  targetGroup: "aws:lb/targetGroup:TargetGroup",
  ecsService: "aws:ecs/service:Service",
  deployment: "kubernetes:apps/v1:Deployment",
  ingress: "kubernetes:networking.k8s.io/v1:Ingress",
  k8sService: "kubernetes:core/v1:Service",
  eksCluster: "eks:index:Cluster",
  awsEksCluster: "aws:eks/cluster:Cluster",
  lambda: "aws:lambda/function:Function",
  rdsInstance: "aws:rds/instance:Instance",
  rdsCluster: "aws:rds/cluster:Cluster",
  clusterInstance: "aws:rds/clusterInstance:ClusterInstance",
  replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  bucketNotification: "aws:s3/bucketNotification:BucketNotification",
  repository: "aws:ecr/repository:Repository",
  queue: "aws:sqs/queue:Queue",
  topic: "aws:sns/topic:Topic",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
  schedule: "aws:scheduler/schedule:Schedule",
  natGateway: "aws:ec2/natGateway:NatGateway",
  instance: "aws:ec2/instance:Instance",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  subnet: "aws:ec2/subnet:Subnet",
  vpc: "aws:ec2/vpc:Vpc",
  rdsSubnetGroup: "aws:rds/subnetGroup:SubnetGroup",
  cacheSubnetGroup: "aws:elasticache/subnetGroup:SubnetGroup",
} as const;

/** A Mermaid-safe node id, stable for a resource's logical name. */
export function nodeId(kind: string, name: string): string {
  return `${kind}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** The subnet tier (`SubnetTier` tag of the network tier) of the subnets a resource is placed in. */
function zoneOfSubnets(ids: readonly unknown[], index: ResourceIndex): Zone | undefined {
  for (const id of ids) {
    const subnet = index.find(id, t.subnet);
    const tier = subnet ? record(subnet.inputs.tags).SubnetTier : undefined;
    if (tier === "public" || tier === "app" || tier === "data") return tier;
  }
  return undefined;
}

/** Where a resource runs, read from its subnet inputs; `fallback` when it names none we know. */
export function placement(resource: PlannedResource, index: ResourceIndex, fallback: Zone): Zone {
  const inputs = resource.inputs;
  const network = record(inputs.networkConfiguration);
  const candidates: unknown[][] = [
    list(inputs, "subnets"),
    list(inputs, "subnetIds"),
    list(network, "subnets"),
    list(record(inputs.vpcConfig), "subnetIds"),
    list(inputs, "subnetMappings").map((m) => record(m).subnetId),
    [inputs.subnetId],
  ];
  const groupName = inputs.dbSubnetGroupName ?? inputs.subnetGroupName;
  const group = index.find(groupName, t.rdsSubnetGroup, t.cacheSubnetGroup);
  if (group) candidates.push(list(group.inputs, "subnetIds"));
  for (const ids of candidates) {
    const zone = zoneOfSubnets(ids, index);
    if (zone) return zone;
  }
  return fallback;
}

export interface DiagramContext {
  readonly index: ResourceIndex;
  readonly nodes: DiagramNode[];
  readonly edges: DiagramEdge[];
  /** Node id of each resource drawn, by URN. */
  readonly nodeOf: Map<string, string>;
  tier(resource: PlannedResource): string;
  add(resource: PlannedResource | readonly PlannedResource[], kind: NodeKind, label: string, zone: Zone, id?: string): string;
  edge(from: string | undefined, to: string | undefined, label?: string, dotted?: boolean): void;
}

export function diagramContext(resources: readonly PlannedResource[]): DiagramContext {
  const index = new ResourceIndex(resources);
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const nodeOf = new Map<string, string>();
  const tier = (resource: PlannedResource) => tierOf(resource, index.byUrn);
  return {
    index,
    nodes,
    edges,
    nodeOf,
    tier,
    add(resource, kind, label, zone, id) {
      const group = Array.isArray(resource) ? (resource as readonly PlannedResource[]) : [resource as PlannedResource];
      const wanted = id ?? nodeId(kind, group[0]?.name ?? kind);
      // Logical names are unique per type only: a cluster and an instance may share one.
      let nodeIdentifier = wanted;
      for (let n = 2; nodes.some((existing) => existing.id === nodeIdentifier); n++) nodeIdentifier = `${wanted}_${n}`;
      nodes.push({ id: nodeIdentifier, kind, label, tier: group[0] ? tier(group[0]) : "stack", zone, resources: group.map((r) => r.name) });
      group.forEach((r) => nodeOf.set(r.urn, nodeIdentifier));
      return nodeIdentifier;
    },
    edge(from, to, label, dotted) {
      if (!from || !to || from === to) return;
      if (edges.some((e) => e.from === from && e.to === to)) return;
      edges.push({ from, to, ...(label ? { label } : {}), ...(dotted ? { dotted } : {}) });
    },
  };
}

/** The resource's value for one of `fields`, in its state (computed by the cloud) or inputs. */
export function attr(resource: PlannedResource, ...fields: string[]): string | undefined {
  for (const field of fields) {
    const value = str(resource.state ?? {}, field) ?? str(resource.inputs, field);
    if (value) return value;
  }
  return undefined;
}
