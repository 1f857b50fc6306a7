import { strict as assert } from "assert";
import type { ServiceSettings } from "../../../model/compute/settings";
import type { EdgeSettings } from "../../../model/edge/settings";
import { albHostName, albIdleTimeoutSeconds, healthPath, healthUrl, nlbListenerPort } from "../../../model/edge/service-routing";
import type { PlatformSettings } from "../../../model/platform";

const service = (name: string, port: number, routing: Partial<ServiceSettings["routing"]>, healthCheckPath = `/${name}/health`): ServiceSettings => ({
  name,
  port,
  image: { uri: "public.ecr.aws/example/app:1" },
  cpuUnits: 256,
  memoryMb: 512,
  healthCheckPath,
  environment: {},
  secrets: {},
  scaling: { min: 1, desired: 1, max: 2, cpuTargetPercent: 70, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60, schedules: [] },
  routing: { loadBalancer: "alb", paths: [], default: false, ...routing },
  websocket: false,
  readOnlyRootFilesystem: true,
  permissions: { buckets: [] },
  reaches: { stores: [], services: [] },
});

const edge: EdgeSettings = {
  zone: { name: "example.com", mode: "lookup" },
  domainName: "app.example.com",
  alb: { accessLogs: true, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
  nlb: { domainName: "ws.example.com", listenerPorts: { ws: 8443 }, accessLogs: true },
};

type Stack = Pick<PlatformSettings, "compute" | "edge" | "role" | "dr">;
const ecsDefaults = { containerInsights: "enabled", spotPercent: 0, onDemandBaseTasks: 0, healthCheckGracePeriodSeconds: 60, deployment: { minimumHealthyPercent: 100, maximumPercent: 200 }, services: {} } as const;
const services = [service("web", 3000, { default: true }), service("api", 3001, { paths: ["/api/*"] }), service("ws", 3002, { loadBalancer: "nlb" }), service("worker", 3003, { loadBalancer: "none" })];
const ecs: Stack = { compute: { engine: "ecs", services, ecs: ecsDefaults }, edge, role: "primary" };

describe("service routing decisions (model/edge/service-routing)", () => {
  it("gives an NLB service its own listener port, else 443", () => {
    assert.equal(nlbListenerPort(ecs, "ws"), 8443);
    assert.equal(nlbListenerPort(ecs, "other"), 443);
  });

  it("keeps the ALB's idle timeout as configured, else an hour for WebSockets, else a minute", () => {
    assert.equal(albIdleTimeoutSeconds(120, [{ websocket: true }]), 120);
    assert.equal(albIdleTimeoutSeconds(undefined, [{ websocket: false }, { websocket: true }]), 3600);
    assert.equal(albIdleTimeoutSeconds(undefined, [{ websocket: false }]), 60);
  });

  it("probes the default service's health path through the ALB's own name", () => {
    assert.equal(healthPath(ecs), "/web/health");
    assert.equal(healthUrl(ecs), "https://app.example.com/web/health");
    const behindCloudFront: Stack = { ...ecs, edge: { ...edge, originDomainName: "origin.example.com", cloudFront: { priceClass: "PriceClass_200", staticBucket: "static", defaultTtlSeconds: 0, behaviors: [], accessLogs: true } } };
    assert.equal(albHostName(behindCloudFront), "origin.example.com");
    assert.equal(healthUrl(behindCloudFront), "https://origin.example.com/web/health");
  });

  it("falls back to the first ALB service's path when no service takes the default", () => {
    const noDefault: Stack = { ...ecs, compute: { engine: "ecs", services: [service("api", 3001, { paths: ["/api/*"] })], ecs: ecsDefaults } };
    assert.equal(healthPath(noDefault), "/api/health");
  });

  it("publishes no health URL for a pilot light standing by, one for a warm standby or a serving one", () => {
    const targets = { rtoMinutes: 60, rpoMinutes: 5 };
    const pilot: Stack = { ...ecs, role: "standby", dr: { targets, standby: { mode: "pilot-light", tasksPerService: 0 } } };
    assert.equal(healthUrl(pilot), undefined);
    assert.equal(healthUrl({ ...pilot, dr: { ...pilot.dr!, state: "serving" } }), "https://app.example.com/web/health");
    assert.equal(healthUrl({ ...pilot, dr: { targets, standby: { mode: "warm", tasksPerService: 1 } } }), "https://app.example.com/web/health");
  });

  it("publishes none without an edge; under EKS, the Ingress ALB's own name (what a standby's failover health check probes)", () => {
    assert.equal(healthUrl({ ...ecs, edge: undefined }), undefined);
    assert.equal(healthUrl({ ...ecs, compute: { engine: "eks", services, eks: {} as never } }), "https://app.example.com/web/health");
  });
});
