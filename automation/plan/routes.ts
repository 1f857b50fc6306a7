import type { CapturedResource } from "../../offline";
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
  const state = (r: CapturedResource) => r.state as Record<string, any>;
  const lbs = ofType("aws:lb/loadBalancer:LoadBalancer");
  const distributions = ofType("aws:cloudfront/distribution:Distribution");
  const listeners = ofType("aws:lb/listener:Listener");
  const rules = ofType("aws:lb/listenerRule:ListenerRule");
  const groups = ofType("aws:lb/targetGroup:TargetGroup");
  const services = ofType("aws:ecs/service:Service");
  const tasks = ofType("aws:ecs/taskDefinition:TaskDefinition");
  const targets = ofType("aws:appautoscaling/target:Target");
  const ingresses = ofType("kubernetes:networking.k8s.io/v1:Ingress");
  const records = ofType("aws:route53/record:Record").filter((r) => (state(r).aliases ?? []).length > 0 && state(r).type === "A");

  const lines: string[] = [];
  const serviceBehind = (groupArn: string, indent: string) => {
    const group = groups.find((g) => state(g).arn === groupArn);
    const service = services.find((s) => (state(s).loadBalancers ?? []).some((l: { targetGroupArn?: string }) => l.targetGroupArn === groupArn));
    if (!group || !service) {
      lines.push(`${indent}-> target group ${group ? state(group).name : groupArn}: NO SERVICE`);
      return;
    }
    const s = state(service);
    const task = tasks.find((t) => state(t).arn === s.taskDefinition);
    const scaling = targets.find((t) => String(state(t).resourceId).endsWith(`/${s.name}`));
    const strategy = (s.capacityProviderStrategies ?? []).map((c: { capacityProvider: string; weight: number; base?: number }) => `${c.capacityProvider} ${c.weight}${c.base ? ` (base ${c.base})` : ""}`).join(" + ");
    const g = state(group);
    lines.push(
      `${indent}-> ${g.protocol} :${g.port} ${g.healthCheck?.path ?? ""} -> ecs ${s.name}: ${task ? `${state(task).cpu}/${state(task).memory}` : "?"}, ` +
        `tasks ${scaling ? `${state(scaling).minCapacity}/${s.desiredCount}/${state(scaling).maxCapacity}` : s.desiredCount}, ${strategy}`,
    );
  };
  const loadBalancerRoutes = (lb: CapturedResource, indent: string) => {
    const l = state(lb);
    lines.push(`${indent}${l.loadBalancerType === "network" ? "NLB" : "ALB"} ${l.name} (idle ${l.idleTimeout ?? "-"} s, deletion protection ${l.enableDeletionProtection ? "on" : "off"})`);
    for (const listener of listeners.filter((x) => state(x).loadBalancerArn === l.arn).sort((a, b) => state(a).port - state(b).port)) {
      const x = state(listener);
      const action = x.defaultActions?.[0] ?? {};
      if (action.type === "redirect") {
        lines.push(`${indent}  :${x.port} ${x.protocol} redirect -> ${action.redirect.protocol}:${action.redirect.port} (${action.redirect.statusCode})`);
        continue;
      }
      lines.push(`${indent}  :${x.port} ${x.protocol} ${x.sslPolicy ?? ""}`);
      const listenerRules = rules.filter((r) => state(r).listenerArn === x.arn).sort((a, b) => state(a).priority - state(b).priority);
      for (const rule of listenerRules) {
        lines.push(`${indent}    ${state(rule).priority} ${state(rule).conditions[0].pathPattern.values.join(", ")}`);
        serviceBehind(state(rule).actions[0].targetGroupArn, `${indent}      `);
      }
      if (action.type === "forward") {
        lines.push(`${indent}    default`);
        serviceBehind(action.targetGroupArn, `${indent}      `);
      } else if (action.type === "fixed-response") {
        lines.push(`${indent}    default: ${action.fixedResponse.statusCode}`);
      }
    }
  };

  const ingressRoutes = (ingress: CapturedResource) => {
    const i = state(ingress);
    const annotations: Record<string, string> = i.metadata.annotations ?? {};
    const namespace = i.metadata.namespace;
    const inNamespace = (type: string, name: string) => ofType(type).find((r) => state(r).metadata?.namespace === namespace && state(r).metadata?.name === name);
    lines.push(`  Ingress ${namespace}/${i.metadata.name} (ALB by the load balancer controller, ${annotations["alb.ingress.kubernetes.io/ssl-policy"] ?? "no TLS policy"}, ${annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"] ? "WAF" : "no WAF"})`);
    for (const path of i.spec.rules?.[0]?.http?.paths ?? []) {
      const name = path.backend.service.name;
      const deployment = inNamespace("kubernetes:apps/v1:Deployment", name);
      const hpa = inNamespace("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", name);
      if (!inNamespace("kubernetes:core/v1:Service", name) || !deployment) {
        lines.push(`    ${path.path} -> service ${name}: NO DEPLOYMENT`);
        continue;
      }
      const resources = state(deployment).spec.template.spec.containers[0].resources ?? {};
      lines.push(
        `    ${path.path} -> service ${name}:${path.backend.service.port.number} -> deployment ${name}: ` +
          `${resources.requests?.cpu}/${resources.requests?.memory} (limits ${resources.limits?.cpu}/${resources.limits?.memory}), ` +
          `pods ${hpa ? `${state(hpa).spec.minReplicas}-${state(hpa).spec.maxReplicas}` : "unscaled"}`,
      );
    }
  };

  for (const record of records.sort((a, b) => String(state(a).name).localeCompare(String(state(b).name)))) {
    const alias = state(record).aliases[0];
    const lb = lbs.find((x) => state(x).dnsName === alias.name);
    const ingress = ingresses.find((x) => state(x).status?.loadBalancer?.ingress?.[0]?.hostname === alias.name);
    const distribution = distributions.find((d) => state(d).domainName === alias.name);
    if (distribution) {
      const d = state(distribution);
      lines.push(`${state(record).name} -> CloudFront ${d.priceClass}, ${d.httpVersion}, ${d.webAclId ? "WAF" : "no WAF"}`);
      const origins = new Map<string, string>((d.origins ?? []).map((o: { originId: string; domainName: string }) => [o.originId, o.domainName]));
      for (const b of [...(d.orderedCacheBehaviors ?? []), { ...d.defaultCacheBehavior, pathPattern: "default" }]) {
        lines.push(`  ${b.pathPattern} -> ${b.targetOriginId} (${origins.get(b.targetOriginId) ?? "NO ORIGIN"})`);
      }
    } else if (lb) {
      lines.push(`${state(record).name} ->`);
      loadBalancerRoutes(lb, "  ");
    } else if (ingress) {
      lines.push(`${state(record).name} -> ${alias.name}`);
      ingressRoutes(ingress);
    } else {
      lines.push(`${state(record).name} -> ${alias.name}: NOT IN THIS STACK`);
    }
  }
  return lines;
}

export const routesStep: PlanStep = {
  title: "Routes: DNS to task",
  run(context: PlanContext): StepOutcome {
    const lines = describeRoutes(context.resources);
    return { lines: lines.length > 0 ? lines : ["no public names in this stack"], failed: false };
  },
};
