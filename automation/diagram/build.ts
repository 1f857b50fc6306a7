import { list, num, PlannedResource, record, str } from "../cost/graph";
import { replicationGroupNodes } from "../cost/rules/data";
import { attr, Diagram, DiagramContext, diagramContext, placement as placementOf, t } from "./model";

/**
 * The architecture as the registrations describe it: users -> DNS -> CDN/WAF -> load balancers ->
 * services -> data stores and jobs. Links are read from the resources' references (alias records,
 * origins, target groups, listeners, subnets); where a reference cannot be read, the platform's
 * security-group matrix (load balancer -> app -> data) decides.
 */
export function buildDiagram(resources: readonly PlannedResource[], region: string): Diagram {
  const ctx = diagramContext(resources);
  const { index } = ctx;
  const users = ctx.add([], "users", "Users", "internet", "users");

  const zones = index.ofType(t.zone).map((z) => ctx.add(z, "dns", `Route 53: ${str(z.inputs, "name") ?? z.name}`, "internet"));
  const cdns = index.ofType(t.distribution).map((d) => ctx.add(d, "cdn", `CloudFront: ${d.name}`, "internet"));
  const wafs = index.ofType(t.webAcl).map((w) => ctx.add(w, "waf", `WAF: ${w.name}`, str(w.inputs, "scope") === "CLOUDFRONT" ? "internet" : "regional"));
  const lbs = [...addLoadBalancers(ctx), ...controllerLoadBalancers(ctx)];
  addServices(ctx);
  const stores = addDataStores(ctx);
  addJobs(ctx);
  addNetworkNodes(ctx);
  addObservability(ctx);

  // users -> DNS -> CDN -> load balancers, following alias records and origins where they resolve.
  const front = cdns.length > 0 ? cdns : publicLoadBalancers(ctx, lbs);
  const entry = zones.length > 0 ? zones : front;
  entry.forEach((id) => ctx.edge(users, id, "HTTPS"));
  for (const zoneId of zones) {
    const targets = aliasTargets(ctx);
    (targets.length > 0 ? targets : front).forEach((id) => ctx.edge(zoneId, id, "alias"));
  }
  for (const distribution of index.ofType(t.distribution)) {
    const origins = list(distribution.inputs, "origins").map(record);
    const resolved = origins.map((o) => byDomain(ctx, str(o, "domainName"))).filter((id): id is string => id !== undefined);
    const fallback = publicLoadBalancers(ctx, lbs);
    (resolved.length > 0 ? resolved : fallback).forEach((id) => ctx.edge(ctx.nodeOf.get(distribution.urn), id, "origin"));
  }
  linkWafs(ctx, wafs, cdns);
  linkLoadBalancers(ctx, lbs);
  // The security-group matrix: the app tier (services, jobs in the VPC) reaches the data tier.
  const callers = ctx.nodes.filter((n) => n.kind === "service" || (n.kind === "job" && n.zone === "app"));
  for (const caller of callers) stores.forEach((store) => ctx.edge(caller.id, store));
  return { region, vpcCidr: index.ofType(t.vpc).map((v) => str(v.inputs, "cidrBlock")).find(Boolean), nodes: ctx.nodes, edges: ctx.edges };
}

function publicLoadBalancers(ctx: DiagramContext, lbs: readonly PlannedResource[]): string[] {
  return lbs.filter((lb) => lb.inputs.internal !== true).map((lb) => ctx.nodeOf.get(lb.urn)).filter((id): id is string => id !== undefined);
}

/** Node of the load balancer, distribution or bucket a DNS name or origin domain points at. */
function byDomain(ctx: DiagramContext, domain: string | undefined): string | undefined {
  if (!domain) return undefined;
  const normalized = domain.replace(/\.$/, "").toLowerCase();
  for (const resource of ctx.index.ofType(t.lb, t.alb, t.distribution, t.bucket, t.bucketV2)) {
    const names = [attr(resource, "dnsName"), attr(resource, "domainName"), attr(resource, "bucketRegionalDomainName")].filter(Boolean) as string[];
    if (names.some((n) => n.toLowerCase() === normalized)) return ctx.nodeOf.get(resource.urn);
  }
  return undefined;
}

function aliasTargets(ctx: DiagramContext): string[] {
  return ctx.index
    .ofType(t.record)
    .flatMap((r) => list(r.inputs, "aliases").map((a) => byDomain(ctx, str(record(a), "name"))))
    .filter((id): id is string => id !== undefined);
}

function addLoadBalancers(ctx: DiagramContext): PlannedResource[] {
  const lbs = ctx.index.ofType(t.lb, t.alb);
  for (const lb of lbs) {
    const kind = str(lb.inputs, "loadBalancerType") === "network" ? "NLB" : "ALB";
    ctx.add(lb, "loadBalancer", `${kind} ${str(lb.inputs, "name") ?? lb.name}`, placementOf(lb, ctx.index, lb.inputs.internal === true ? "app" : "public"));
  }
  return lbs;
}

/** ALBs and NLBs the AWS Load Balancer Controller creates for Ingresses and LoadBalancer Services. */
function controllerLoadBalancers(ctx: DiagramContext): PlannedResource[] {
  const created: PlannedResource[] = [];
  for (const ingress of ctx.index.ofType(t.ingress)) {
    const annotations = record(record(ingress.inputs.metadata).annotations);
    const internal = annotations["alb.ingress.kubernetes.io/scheme"] !== "internet-facing";
    ctx.add(ingress, "loadBalancer", `ALB (ingress ${ingress.name})`, internal ? "app" : "public");
    created.push({ ...ingress, inputs: { ...ingress.inputs, internal } });
  }
  for (const service of ctx.index.ofType(t.k8sService).filter((s) => record(s.inputs.spec).type === "LoadBalancer")) {
    ctx.add(service, "loadBalancer", `NLB (service ${service.name})`, "public");
    created.push(service);
  }
  return created;
}

function addServices(ctx: DiagramContext): void {
  for (const service of ctx.index.ofType(t.ecsService)) {
    const count = num(service.inputs, "desiredCount") ?? 0;
    ctx.add(service, "service", `ECS service ${str(service.inputs, "name") ?? service.name}: ${count} task${count === 1 ? "" : "s"}`, placementOf(service, ctx.index, "app"));
  }
  for (const cluster of ctx.index.ofType(t.eksCluster, t.awsEksCluster)) {
    ctx.add(cluster, "cluster", `EKS cluster ${cluster.name}`, placementOf(cluster, ctx.index, "app"));
  }
  for (const deployment of ctx.index.ofType(t.deployment)) {
    const name = str(record(deployment.inputs.metadata), "name") ?? deployment.name;
    const replicas = num(record(deployment.inputs.spec), "replicas");
    ctx.add(deployment, "service", `Deployment ${name}${replicas !== undefined ? `: ${replicas} pods` : ""}`, "app");
  }
}

function addJobs(ctx: DiagramContext): void {
  for (const fn of ctx.index.ofType(t.lambda)) {
    const inVpc = list(record(fn.inputs.vpcConfig), "subnetIds").length > 0;
    const id = ctx.add(fn, "job", `Lambda ${str(fn.inputs, "name") ?? fn.name}`, inVpc ? placementOf(fn, ctx.index, "app") : "regional");
    const dlq = ctx.index.find(record(fn.inputs.deadLetterConfig).targetArn, t.queue);
    if (dlq) ctx.edge(id, ctx.nodeOf.get(dlq.urn) ?? ctx.add(dlq, "queue", `SQS ${dlq.name}`, "regional"), "failures", true);
  }
  for (const notification of ctx.index.ofType(t.bucketNotification)) {
    const bucket = ctx.index.find(notification.inputs.bucket, t.bucket, t.bucketV2);
    for (const target of list(notification.inputs, "lambdaFunctions").map(record)) {
      const fn = ctx.index.find(target.lambdaFunctionArn, t.lambda);
      if (bucket && fn) ctx.edge(ctx.nodeOf.get(bucket.urn), ctx.nodeOf.get(fn.urn), "object created");
    }
  }
  for (const rule of ctx.index.ofType(t.eventRule)) {
    const targets = ctx.index.ofType(t.eventTarget).filter((target) => target.inputs.rule === str(rule.inputs, "name") || target.inputs.rule === rule.id);
    const fns = targets.map((target) => ctx.index.find(target.inputs.arn, t.lambda)).filter((fn): fn is PlannedResource => fn !== undefined);
    if (fns.length === 0) continue;
    const kind = str(rule.inputs, "scheduleExpression") ? `schedule ${str(rule.inputs, "scheduleExpression")}` : "event pattern";
    const id = ctx.add(rule, "trigger", `EventBridge ${rule.name}: ${kind}`, "regional");
    fns.forEach((fn) => ctx.edge(id, ctx.nodeOf.get(fn.urn)));
  }
  for (const schedule of ctx.index.ofType(t.schedule)) {
    const fn = ctx.index.find(record(schedule.inputs.target).arn, t.lambda);
    if (!fn) continue;
    const id = ctx.add(schedule, "trigger", `Scheduler ${schedule.name}: ${str(schedule.inputs, "scheduleExpression") ?? ""}`, "regional");
    ctx.edge(id, ctx.nodeOf.get(fn.urn));
  }
}

/** Databases and caches (the request path's end) get returned; buckets and registries are drawn only. */
function addDataStores(ctx: DiagramContext): string[] {
  const stores: string[] = [];
  for (const db of ctx.index.ofType(t.rdsInstance)) {
    const replica = db.inputs.replicateSourceDb ? " read replica" : "";
    const label = `RDS ${str(db.inputs, "engine") ?? ""}${replica}: ${str(db.inputs, "instanceClass") ?? ""}${db.inputs.multiAz === true ? " Multi-AZ" : ""}`;
    stores.push(ctx.add(db, "database", label, placementOf(db, ctx.index, "data")));
  }
  for (const cluster of ctx.index.ofType(t.rdsCluster)) {
    const members = ctx.index.ofType(t.clusterInstance).filter((m) => ctx.index.find(m.inputs.clusterIdentifier, t.rdsCluster) === cluster);
    const classes = members.map((m) => str(m.inputs, "instanceClass")).filter(Boolean);
    const label = `${str(cluster.inputs, "engine") ?? "RDS"} cluster ${cluster.name}: ${members.length} instance${members.length === 1 ? "" : "s"}${classes.length ? ` (${[...new Set(classes)].join(", ")})` : ""}`;
    stores.push(ctx.add([cluster, ...members], "database", label, placementOf(cluster, ctx.index, "data")));
  }
  for (const group of ctx.index.ofType(t.replicationGroup)) {
    const nodes = replicationGroupNodes(group.inputs);
    stores.push(ctx.add(group, "cache", `ElastiCache ${str(group.inputs, "engine") ?? "redis"}: ${nodes} x ${str(group.inputs, "nodeType") ?? ""}`, placementOf(group, ctx.index, "data")));
  }
  for (const bucket of ctx.index.ofType(t.bucket, t.bucketV2)) {
    ctx.add(bucket, "bucket", `S3 ${str(bucket.inputs, "bucket") ?? bucket.name}`, "regional");
  }
  const repositories = ctx.index.ofType(t.repository);
  if (repositories.length > 0) {
    ctx.add(repositories, "registry", `ECR: ${repositories.map((r) => str(r.inputs, "name") ?? r.name).join(", ")}`, "regional", "ecr");
  }
  return stores;
}

function addNetworkNodes(ctx: DiagramContext): void {
  for (const nat of ctx.index.ofType(t.natGateway)) ctx.add(nat, "nat", `NAT gateway ${nat.name}`, placementOf(nat, ctx.index, "public"));
  for (const instance of ctx.index.ofType(t.instance)) {
    const role = instance.inputs.sourceDestCheck === false ? "NAT instance" : "EC2";
    ctx.add(instance, role === "NAT instance" ? "nat" : "instance", `${role} ${instance.name}: ${str(instance.inputs, "instanceType") ?? ""}`, placementOf(instance, ctx.index, "app"));
  }
  const interfaces = ctx.index.ofType(t.endpoint).filter((e) => e.inputs.vpcEndpointType === "Interface");
  if (interfaces.length > 0) {
    const services = interfaces.map((e) => (str(e.inputs, "serviceName") ?? "").split(".").slice(3).join(".") || e.name);
    ctx.add(interfaces, "endpoints", `VPC endpoints: ${services.join(", ")}`, placementOf(interfaces[0], ctx.index, "app"), "endpoints");
  }
}

function addObservability(ctx: DiagramContext): void {
  const alarms = ctx.index.ofType(t.alarm);
  const topics = ctx.index.ofType(t.topic).map((topic) => ({ topic, id: ctx.add(topic, "topic", `SNS ${topic.name}`, "regional") }));
  if (alarms.length === 0) return;
  const id = ctx.add(alarms, "alarms", `CloudWatch: ${alarms.length} alarm${alarms.length === 1 ? "" : "s"}`, "regional", "alarms");
  const actions = new Set(alarms.flatMap((a) => list(a.inputs, "alarmActions")));
  topics.filter(({ topic }) => [...actions].some((arn) => ctx.index.find(arn, t.topic) === topic)).forEach(({ id: topicId }) => ctx.edge(id, topicId, "notify", true));
}

function linkWafs(ctx: DiagramContext, wafs: readonly string[], cdns: readonly string[]): void {
  const acls = ctx.index.ofType(t.webAcl);
  acls.forEach((acl, i) => {
    const protectedIds = [
      ...ctx.index.ofType(t.webAclAssociation).filter((a) => ctx.index.find(a.inputs.webAclArn, t.webAcl) === acl).map((a) => ctx.nodeOf.get(ctx.index.find(a.inputs.resourceArn, t.lb, t.alb)?.urn ?? "")),
      ...ctx.index.ofType(t.distribution).filter((d) => ctx.index.find(d.inputs.webAclId, t.webAcl) === acl).map((d) => ctx.nodeOf.get(d.urn)),
    ].filter((id): id is string => id !== undefined);
    const targets = protectedIds.length > 0 ? protectedIds : str(acl.inputs, "scope") === "CLOUDFRONT" ? cdns : [];
    targets.forEach((target) => ctx.edge(wafs[i], target, "protects", true));
  });
}

/** Load balancer -> service through target groups, listeners and rules; K8s Ingress -> Deployment by backend name. */
function linkLoadBalancers(ctx: DiagramContext, lbs: readonly PlannedResource[]): void {
  const { index } = ctx;
  const listenerTargets = (listener: PlannedResource, actions: unknown[]) =>
    actions.map(record).flatMap((a) => [a.targetGroupArn, ...list(record(a.forward), "targetGroups").map((g) => record(g).arn)]).map((arn) => ({ listener, arn }));
  const routes = [
    ...index.ofType(t.listener).flatMap((l) => listenerTargets(l, list(l.inputs, "defaultActions"))),
    ...index.ofType(t.listenerRule).flatMap((rule) => {
      const listener = index.find(rule.inputs.listenerArn, t.listener);
      return listener ? listenerTargets(listener, list(rule.inputs, "actions")) : [];
    }),
  ];
  const awsLbs = lbs.filter((lb) => lb.type === t.lb || lb.type === t.alb);
  for (const service of index.ofType(t.ecsService)) {
    const serviceId = ctx.nodeOf.get(service.urn);
    for (const binding of list(service.inputs, "loadBalancers").map(record)) {
      const group = index.find(binding.targetGroupArn, t.targetGroup);
      const viaListener = routes.filter((r) => group && index.find(r.arn, t.targetGroup) === group).map((r) => index.find(r.listener.inputs.loadBalancerArn, t.lb, t.alb));
      const found = viaListener.filter((lb): lb is PlannedResource => lb !== undefined);
      (found.length > 0 ? found : awsLbs.length === 1 ? awsLbs : []).forEach((lb) => ctx.edge(ctx.nodeOf.get(lb.urn), serviceId, `:${num(binding, "containerPort") ?? ""}`.replace(/:$/, "")));
    }
  }
  for (const ingress of index.ofType(t.ingress)) {
    const backends = list(record(ingress.inputs.spec), "rules")
      .flatMap((rule) => list(record(record(rule).http), "paths"))
      .map((p) => ({ path: str(record(p), "path"), name: str(record(record(record(p).backend).service), "name") }));
    for (const { path, name } of backends) {
      const deployment = index
        .ofType(t.deployment)
        .find((d) => str(record(d.inputs.metadata), "name") === name || record(record(d.inputs.metadata).labels).app === name);
      if (deployment) ctx.edge(ctx.nodeOf.get(ingress.urn), ctx.nodeOf.get(deployment.urn), path);
    }
  }
}
