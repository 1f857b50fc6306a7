import type { CapturedResource } from "../../offline";
import { list, record } from "../cost/graph";
import type { PlanContext, PlanStep, StepOutcome } from "./step";

/**
 * The path from DNS to task, read back from the rendered resources (not from config): each alias
 * record, the CloudFront distribution or load balancer it points at, the listeners and path rules,
 * and the ECS service, its size, count and Spot share behind each target group; under EKS, the
 * Ingress the load balancer controller turns into the ALB, its paths, and the Deployment, requests
 * and HPA bounds behind each Service. A broken link (a record to nothing, a target group no
 * service uses) shows as such.
 */
export function describeRoutes(resources: readonly CapturedResource[]): string[] {
  const ofType = (type: string) => resources.filter((r) => r.type === type);
  const lbs = ofType("aws:lb/loadBalancer:LoadBalancer");
  const distributions = ofType("aws:cloudfront/distribution:Distribution");
  const listeners = ofType("aws:lb/listener:Listener");
  const rules = ofType("aws:lb/listenerRule:ListenerRule");
  const groups = ofType("aws:lb/targetGroup:TargetGroup");
  const services = ofType("aws:ecs/service:Service");
  const tasks = ofType("aws:ecs/taskDefinition:TaskDefinition");
  const targets = ofType("aws:appautoscaling/target:Target");
  const ingresses = ofType("kubernetes:networking.k8s.io/v1:Ingress");
  const records = ofType("aws:route53/record:Record").filter((r) => list(r.state, "aliases").length > 0 && r.state.type === "A");

  const lines: string[] = [];
  const serviceBehind = (groupArn: unknown, indent: string) => {
    const group = groups.find((g) => g.state.arn === groupArn);
    const service = services.find((s) => list(s.state, "loadBalancers").some((l) => record(l).targetGroupArn === groupArn));
    if (!group || !service) {
      lines.push(`${indent}-> target group ${group ? shown(group.state.name) : shown(groupArn)}: NO SERVICE`);
      return;
    }
    const s = service.state;
    const task = tasks.find((t) => t.state.arn === s.taskDefinition);
    const scaling = targets.find((t) => String(t.state.resourceId).endsWith(`/${shown(s.name)}`));
    const strategy = list(s, "capacityProviderStrategies")
      .map(record)
      .map((c) => `${shown(c.capacityProvider)} ${shown(c.weight)}${c.base ? ` (base ${shown(c.base)})` : ""}`)
      .join(" + ");
    const g = group.state;
    lines.push(
      `${indent}-> ${shown(g.protocol)} :${shown(g.port)} ${shown(record(g.healthCheck).path) ?? ""} -> ecs ${shown(s.name)}: ${task ? `${shown(task.state.cpu)}/${shown(task.state.memory)}` : "?"}, ` +
        `tasks ${scaling ? `${shown(scaling.state.minCapacity)}/${shown(s.desiredCount)}/${shown(scaling.state.maxCapacity)}` : shown(s.desiredCount)}, ${strategy}`,
    );
  };
  const loadBalancerRoutes = (lb: CapturedResource, indent: string) => {
    const l = lb.state;
    lines.push(`${indent}${l.loadBalancerType === "network" ? "NLB" : "ALB"} ${shown(l.name)} (idle ${shown(l.idleTimeout) ?? "-"} s, deletion protection ${l.enableDeletionProtection ? "on" : "off"})`);
    for (const listener of listeners.filter((x) => x.state.loadBalancerArn === l.arn).sort((a, b) => Number(a.state.port) - Number(b.state.port))) {
      const x = listener.state;
      const action = first(x, "defaultActions");
      if (action.type === "redirect") {
        const redirect = record(action.redirect);
        lines.push(`${indent}  :${shown(x.port)} ${shown(x.protocol)} redirect -> ${shown(redirect.protocol)}:${shown(redirect.port)} (${shown(redirect.statusCode)})`);
        continue;
      }
      lines.push(`${indent}  :${shown(x.port)} ${shown(x.protocol)} ${shown(x.sslPolicy) ?? ""}`);
      const listenerRules = rules.filter((r) => r.state.listenerArn === x.arn).sort((a, b) => Number(a.state.priority) - Number(b.state.priority));
      for (const rule of listenerRules) {
        const paths = list(record(first(rule.state, "conditions").pathPattern), "values");
        lines.push(`${indent}    ${shown(rule.state.priority)} ${paths.join(", ")}`);
        const ruleAction = first(rule.state, "actions");
        const weighted = list(record(ruleAction.forward), "targetGroups").map(record);
        if (weighted.length > 0) {
          // A service whose traffic ECS shifts: production on the weighted group, the other its alternate.
          const [production, ...others] = [...weighted].sort((a, b) => Number(b.weight) - Number(a.weight));
          serviceBehind(production.arn, `${indent}      `);
          for (const other of others) {
            const group = groups.find((g) => g.state.arn === other.arn);
            lines.push(`${indent}      (alternate ${group ? shown(group.state.name) : shown(other.arn)} at weight ${shown(other.weight)}: ECS shifts traffic to it during a deployment)`);
          }
        } else {
          serviceBehind(ruleAction.targetGroupArn, `${indent}      `);
        }
      }
      if (action.type === "forward") {
        lines.push(`${indent}    default`);
        serviceBehind(action.targetGroupArn, `${indent}      `);
      } else if (action.type === "fixed-response") {
        lines.push(`${indent}    default: ${shown(record(action.fixedResponse).statusCode)}`);
      }
    }
  };

  const ingressRoutes = (ingress: CapturedResource) => {
    const metadata = record(ingress.state.metadata);
    const annotations = record(metadata.annotations);
    const namespace = metadata.namespace;
    const inNamespace = (type: string, name: unknown) =>
      ofType(type).find((r) => record(r.state.metadata).namespace === namespace && record(r.state.metadata).name === name);
    lines.push(
      `  Ingress ${shown(metadata.namespace)}/${shown(metadata.name)} (ALB by the load balancer controller, ${shown(annotations["alb.ingress.kubernetes.io/ssl-policy"]) ?? "no TLS policy"}, ${annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"] ? "WAF" : "no WAF"})`,
    );
    for (const path of list(record(first(record(ingress.state.spec), "rules").http), "paths").map(record)) {
      const backend = record(record(path.backend).service);
      const name = backend.name;
      const deployment = inNamespace("kubernetes:apps/v1:Deployment", name);
      const hpa = inNamespace("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", name);
      if (!inNamespace("kubernetes:core/v1:Service", name) || !deployment) {
        lines.push(`    ${shown(path.path)} -> service ${shown(backend.name)}: NO DEPLOYMENT`);
        continue;
      }
      const container = first(record(record(record(deployment.state.spec).template).spec), "containers");
      const resources = record(container.resources);
      const requests = record(resources.requests);
      const limits = record(resources.limits);
      const hpaSpec = record(hpa?.state.spec);
      lines.push(
        `    ${shown(path.path)} -> service ${shown(backend.name)}:${shown(record(backend.port).number)} -> deployment ${shown(backend.name)}: ` +
          `${shown(requests.cpu)}/${shown(requests.memory)} (limits ${shown(limits.cpu)}/${shown(limits.memory)}), ` +
          `pods ${hpa ? `${shown(hpaSpec.minReplicas)}-${shown(hpaSpec.maxReplicas)}` : "unscaled"}`,
      );
    }
  };

  for (const r of records.sort((a, b) => String(a.state.name).localeCompare(String(b.state.name)))) {
    const name = shown(r.state.name);
    const alias = first(r.state, "aliases");
    const lb = lbs.find((x) => x.state.dnsName === alias.name);
    const ingress = ingresses.find((x) => first(record(record(x.state.status).loadBalancer), "ingress").hostname === alias.name);
    const distribution = distributions.find((d) => d.state.domainName === alias.name);
    if (distribution) {
      const d = distribution.state;
      lines.push(`${name} -> CloudFront ${shown(d.priceClass)}, ${shown(d.httpVersion)}, ${d.webAclId ? "WAF" : "no WAF"}`);
      const origins = new Map(list(d, "origins").map(record).map((o) => [o.originId, o.domainName]));
      for (const b of [...list(d, "orderedCacheBehaviors").map(record), { ...record(d.defaultCacheBehavior), pathPattern: "default" }]) {
        lines.push(`  ${shown(b.pathPattern)} -> ${shown(b.targetOriginId)} (${shown(origins.get(b.targetOriginId)) ?? "NO ORIGIN"})`);
      }
    } else if (lb) {
      lines.push(`${name} ->`);
      loadBalancerRoutes(lb, "  ");
    } else if (ingress) {
      lines.push(`${name} -> ${shown(alias.name)}`);
      ingressRoutes(ingress);
    } else {
      lines.push(`${name} -> ${shown(alias.name)}: NOT IN THIS STACK`);
    }
  }
  return lines;
}

type Fields = Readonly<Record<string, unknown>>;

/** A string, number or boolean as a route line shows it; undefined when absent or anything else. */
function shown(value: unknown): string | number | boolean | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : undefined;
}

/** The first item of a list field, as fields (none when the list is empty or absent). */
function first(fields: Fields, key: string): Fields {
  return record(list(fields, key)[0]);
}

export const routesStep: PlanStep = {
  name: "routes",
  title: "Routes: DNS to task",
  run(context: PlanContext): StepOutcome {
    const lines = describeRoutes(context.resources);
    return { lines: lines.length > 0 ? lines : ["no public names in this stack"], failed: false };
  },
};
