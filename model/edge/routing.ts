import { pathSlug, shortHash } from "./names";

/**
 * The load-balancer routing plan: which service gets which ALB path rule (and in which order),
 * which one gets the default action, and which services sit behind the NLB. Pure: the config
 * checks report its problems and the edge tier registers its rules.
 */
export interface RoutedService {
  readonly name: string;
  readonly port: number;
  readonly loadBalancer: "alb" | "nlb" | "none";
  readonly paths: readonly string[];
  readonly default: boolean;
}

export interface PathRule {
  readonly service: string;
  readonly pathPattern: string;
  /** Listener rule priority: lower is evaluated first. */
  readonly priority: number;
  /** Stable part of the rule's logical name, from the pattern (never its position). */
  readonly key: string;
}

export interface RoutingProblem {
  /** Index of the service in the config list. */
  readonly serviceIndex: number;
  readonly field: "paths" | "default" | "loadBalancer";
  readonly pathIndex?: number;
  readonly message: string;
}

export interface RoutingPlan {
  readonly rules: readonly PathRule[];
  /** The service behind the HTTPS listener's default action; none answers 404. */
  readonly defaultService?: string;
  readonly albServices: readonly string[];
  readonly nlbServices: readonly string[];
  readonly problems: readonly RoutingProblem[];
}

/** ALB path-pattern syntax: up to 128 characters of these, `*` and `?` as wildcards. */
const pathPatternSyntax = /^\/[A-Za-z0-9_\-.$/~"'@:+&*?]{0,127}$/;
/** Rules per listener the ALB allows (default quota), less the room kept for the default action. */
export const maxListenerRules = 100;
/**
 * Priorities follow the sort order in steps of 10: a rule added later shifts the ones after it
 * (ALB changes priorities in place), and the gaps leave room for an operator's emergency rule
 * (a maintenance page at priority 5) without renumbering ours.
 */
const priorityStep = 10;

export function planRouting(services: readonly RoutedService[]): RoutingPlan {
  const problems: RoutingProblem[] = [];
  const owners = new Map<string, string>();
  const candidates: { service: string; pathPattern: string; order: number }[] = [];
  const defaults: string[] = [];

  services.forEach((service, serviceIndex) => {
    const onAlb = service.loadBalancer === "alb";
    if (!onAlb && service.paths.length > 0) {
      problems.push({ serviceIndex, field: "paths", message: `path rules need loadBalancer alb (this service uses ${service.loadBalancer})` });
    }
    if (!onAlb && service.default) {
      problems.push({ serviceIndex, field: "default", message: `the ALB's default rule needs loadBalancer alb (this service uses ${service.loadBalancer})` });
    }
    if (onAlb && service.default) defaults.push(service.name);
    if (onAlb && !service.default && service.paths.length === 0) {
      problems.push({ serviceIndex, field: "paths", message: "an ALB service needs path rules or default: true, or the ALB never sends it traffic" });
    }
    service.paths.forEach((pathPattern, pathIndex) => {
      if (!pathPatternSyntax.test(pathPattern)) {
        problems.push({
          serviceIndex,
          field: "paths",
          pathIndex,
          message: "must start with / and hold at most 128 of A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?",
        });
        return;
      }
      const owner = owners.get(pathPattern);
      if (owner !== undefined) {
        problems.push({ serviceIndex, field: "paths", pathIndex, message: `is already routed to service ${owner}` });
        return;
      }
      owners.set(pathPattern, service.name);
      if (onAlb) candidates.push({ service: service.name, pathPattern, order: candidates.length });
    });
  });
  if (defaults.length > 1) {
    services.forEach((service, serviceIndex) => {
      if (service.default && service.loadBalancer === "alb" && service.name !== defaults[0]) {
        problems.push({ serviceIndex, field: "default", message: `only one service takes the default rule (${defaults[0]} already does)` });
      }
    });
  }
  if (candidates.length > maxListenerRules) {
    problems.push({ serviceIndex: 0, field: "paths", message: `${candidates.length} path rules exceed the ALB's ${maxListenerRules} rules per listener` });
  }

  // More specific patterns first: ALB stops at the first match, so `/api/v2/*` must beat `/api/*`.
  const ordered = [...candidates].sort((a, b) => specificity(b.pathPattern) - specificity(a.pathPattern) || a.order - b.order);
  const rules = ordered.map((c, index) => ({
    service: c.service,
    pathPattern: c.pathPattern,
    priority: (index + 1) * priorityStep,
    key: `${pathSlug(c.pathPattern)}-${shortHash(c.pathPattern, 4)}`,
  }));

  return {
    rules,
    defaultService: defaults[0],
    albServices: services.filter((s) => s.loadBalancer === "alb").map((s) => s.name),
    nlbServices: services.filter((s) => s.loadBalancer === "nlb").map((s) => s.name),
    problems,
  };
}

/** Literal characters before the first wildcard, then literal characters overall. */
function specificity(pattern: string): number {
  const firstWildcard = pattern.search(/[*?]/);
  const prefix = firstWildcard < 0 ? pattern.length : firstWildcard;
  const literals = pattern.replace(/[*?]/g, "").length;
  return prefix * 1000 + literals;
}
