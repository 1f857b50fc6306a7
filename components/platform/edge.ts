import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { shiftsTraffic } from "../../model/compute/delivery";
import { managedRuleGroups } from "../../model/edge/settings";
import { albIdleTimeoutSeconds, nlbListenerPort, routingPlan } from "../../model/edge/service-routing";
import type { PlatformSettings } from "../../model/platform";
import { Edge } from "../edge";
import type { Network } from "../network";
import type { SecurityGroups } from "../security/groups";
import { logPrefixes } from "../storage/log-bucket";
import type { ReferenceTargets } from "./references";
import type { StackBase } from "./stack";

export interface EdgeDependencies {
  readonly network: Network;
  readonly securityGroups: SecurityGroups;
  readonly targets: ReferenceTargets;
  /** us-east-1 provider, when CloudFront is on. */
  readonly globalProvider?: aws.Provider;
}

/** The log bucket's name once its policy grants ELB its writes: ELB checks the grant when logging is switched on. */
export function accessLogBucket(targets: ReferenceTargets, prefix: string): { bucketName: pulumi.Output<string>; prefix: string } {
  const storage = targets.storage;
  if (!storage) throw new Error("edge access logs need the storage tier's log bucket");
  const bucketName = pulumi.all([storage.logBucket.bucketName, storage.logBucket.policy.id]).apply(([name]) => name);
  return { bucketName, prefix };
}

/** Settings -> the edge tier: zone, certificates, ALB, NLB, CloudFront, WAF and the alias records. */
export function buildEdge(config: PlatformSettings, { context, opts }: StackBase, deps: EdgeDependencies): Edge | undefined {
  const edge = config.edge;
  if (!edge) return undefined;
  const services = config.compute?.services ?? [];
  const routing = routingPlan(config);
  const storage = deps.targets.storage;
  const protectedData = config.dataProtection === "protected";
  // The ECS variant owns its ALB; under EKS the AWS Load Balancer Controller creates it from the Ingress.
  const ownAlb = config.compute?.engine === "ecs" && routing.albServices.length > 0;
  const albTargets = services.filter((s) => s.routing.loadBalancer === "alb");
  const nlbServices = services.filter((s) => s.routing.loadBalancer === "nlb");
  const staticBucket = edge.cloudFront ? storage?.buckets[edge.cloudFront.staticBucket] : undefined;
  if (edge.cloudFront && !staticBucket) throw new Error(`edge.cloudFront.staticBucket ${edge.cloudFront.staticBucket} is not a bucket of the storage tier`);

  return new Edge(
    context.namePrefix,
    {
      context,
      zone: edge.zone,
      protectZone: protectedData,
      domainName: edge.domainName,
      originDomainName: edge.originDomainName,
      vpcId: deps.network.vpcId,
      publicSubnetIds: deps.network.publicSubnetIds,
      ingressAlb: config.compute?.engine === "eks" && routing.albServices.length > 0,
      alb: ownAlb
        ? {
            securityGroupId: deps.securityGroups.alb.id,
            idleTimeoutSeconds: albIdleTimeoutSeconds(edge.alb.idleTimeoutSeconds, albTargets),
            deletionProtection: edge.alb.deletionProtection ?? protectedData,
            sslPolicy: edge.alb.sslPolicy,
            accessLogs: edge.alb.accessLogs ? accessLogBucket(deps.targets, logPrefixes.alb) : undefined,
            targets: albTargets.map((s) => ({
              name: s.name,
              port: s.port,
              healthCheckPath: s.healthCheckPath,
              websocket: s.websocket,
              shiftsTraffic: serviceShiftsTraffic(config, s.name),
            })),
            rules: routing.rules,
            defaultService: routing.defaultService,
          }
        : undefined,
      nlb:
        edge.nlb && nlbServices.length > 0
          ? {
              domainName: edge.nlb.domainName,
              securityGroupId: deps.securityGroups.nlb!.id,
              deletionProtection: edge.nlb.deletionProtection ?? protectedData,
              sslPolicy: edge.alb.sslPolicy,
              accessLogs: edge.nlb.accessLogs ? accessLogBucket(deps.targets, logPrefixes.nlb) : undefined,
              listeners: nlbServices.map((s) => ({ service: s.name, listenerPort: nlbListenerPort(config, s.name), port: s.port, healthCheckPath: s.healthCheckPath })),
            }
          : undefined,
      cloudFront:
        edge.cloudFront && staticBucket
          ? {
              priceClass: edge.cloudFront.priceClass,
              staticBucket: { bucketName: staticBucket.bucketName, region: context.region },
              behaviors: edge.cloudFront.behaviors,
              accessLogs:
                edge.cloudFront.accessLogs && storage && deps.globalProvider
                  ? { bucketArn: storage.logBucket.arn, prefix: logPrefixes.cloudFront, provider: deps.globalProvider }
                  : undefined,
            }
          : undefined,
      waf: edge.waf
        ? {
            attachTo: edge.waf.attachTo,
            managedRuleGroups: edge.waf.managedRuleGroups.map((g) => managedRuleGroups[g]),
            rateLimitPer5Minutes: edge.waf.rateLimitPer5Minutes,
          }
        : undefined,
      globalProvider: deps.globalProvider,
    },
    opts,
  );
}

/** Whether ECS moves the service's traffic between two target groups (its delivery strategy). */
function serviceShiftsTraffic(config: PlatformSettings, service: string): boolean {
  const strategy = config.compute?.engine === "ecs" ? config.compute.ecs.services[service]?.delivery?.strategy : undefined;
  return strategy !== undefined && shiftsTraffic(strategy);
}
