import { strict as assert } from "assert";
import fc from "fast-check";
import { capacityProviderStrategy, spotTasks } from "../../../model/compute/capacity-strategy";
import { describeMemoryOptions, fargateCpuUnits, fargateMemoryOptionsMb, isFargatePair } from "../../../model/compute/fargate";
import { envRefProblem, envRefs, envValueParts } from "../../../model/compute/env-refs";
import { boundedName, pathSlug, targetGroupName } from "../../../model/edge/names";
import { planRouting, RoutedService } from "../../../model/edge/routing";

describe("Fargate task sizes", () => {
  it("accepts the seeds' sizes and AWS's table, nothing else", () => {
    // Seed 001 frontend, backend; seed 003 api and ws; seed 002 api (2 vCPU / 4 GB).
    for (const [cpu, memory] of [[512, 1024], [1024, 2048], [2048, 4096], [256, 512], [4096, 30720], [8192, 61440], [16384, 122880]]) {
      assert.ok(isFargatePair(cpu, memory), `${cpu}/${memory}`);
    }
    for (const [cpu, memory] of [[512, 512], [1024, 1024], [256, 4096], [8192, 18432], [16384, 36864], [300, 1024], [1024, 2500]]) {
      assert.ok(!isFargatePair(cpu, memory), `${cpu}/${memory}`);
    }
    assert.deepEqual(fargateCpuUnits, [256, 512, 1024, 2048, 4096, 8192, 16384]);
    assert.deepEqual(fargateMemoryOptionsMb(256), [512, 1024, 2048]);
    assert.equal(fargateMemoryOptionsMb(4096).length, 23);
    assert.equal(describeMemoryOptions(8192), "16384-61440 in steps of 4096");
  });

  it("offers between 2 and 8 GB of memory per vCPU for every size", () => {
    fc.assert(
      fc.property(fc.constantFrom(...fargateCpuUnits), (cpu) => {
        const options = fargateMemoryOptionsMb(cpu);
        const vcpu = cpu / 1024;
        return options.every((mb) => isFargatePair(cpu, mb) && mb / 1024 / vcpu >= 2 - 1e-9 && mb / 1024 / vcpu <= 8) && new Set(options).size === options.length;
      }),
    );
  });
});

describe("Spot share", () => {
  it("turns seed 000's shares into capacity provider strategies", () => {
    assert.deepEqual(capacityProviderStrategy({ spotPercent: 80, onDemandBaseTasks: 0 }), [
      { capacityProvider: "FARGATE", weight: 20, base: 0 },
      { capacityProvider: "FARGATE_SPOT", weight: 80, base: 0 },
    ]);
    assert.deepEqual(capacityProviderStrategy({ spotPercent: 100, onDemandBaseTasks: 0 }), [{ capacityProvider: "FARGATE_SPOT", weight: 100, base: 0 }]);
    assert.deepEqual(capacityProviderStrategy({ spotPercent: 0, onDemandBaseTasks: 0 }), [{ capacityProvider: "FARGATE", weight: 100, base: 0 }]);
    assert.deepEqual(capacityProviderStrategy({ spotPercent: 100, onDemandBaseTasks: 1 }), [
      { capacityProvider: "FARGATE", weight: 0, base: 1 },
      { capacityProvider: "FARGATE_SPOT", weight: 100, base: 0 },
    ]);
    assert.throws(() => capacityProviderStrategy({ spotPercent: 101, onDemandBaseTasks: 0 }), /0 to 100/);
  });

  it("always names a provider that takes tasks, and never more Spot than asked", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 50 }), (spot, base, tasks) => {
        const strategy = capacityProviderStrategy({ spotPercent: spot, onDemandBaseTasks: base });
        const weights = strategy.reduce((sum, item) => sum + item.weight, 0);
        return weights === 100 && strategy.filter((i) => i.base > 0).length <= 1 && spotTasks({ spotPercent: spot, onDemandBaseTasks: base }, tasks) <= Math.max(0, tasks - base);
      }),
    );
  });
});

describe("ALB routing plan", () => {
  const seed001: RoutedService[] = [
    { name: "frontend", port: 3000, loadBalancer: "alb", paths: [], default: true },
    { name: "backend", port: 3001, loadBalancer: "alb", paths: ["/api/*", "/socket.io/*"], default: false },
  ];

  it("routes seed 001's paths to the backend and the rest to the frontend", () => {
    const plan = planRouting(seed001);
    assert.deepEqual(plan.problems, []);
    assert.equal(plan.defaultService, "frontend");
    assert.deepEqual(
      plan.rules.map((r) => [r.pathPattern, r.service, r.priority]),
      [["/socket.io/*", "backend", 10], ["/api/*", "backend", 20]],
    );
    assert.deepEqual(plan.albServices, ["frontend", "backend"]);
  });

  it("puts a more specific pattern first, whatever the config order", () => {
    const plan = planRouting([
      { name: "api", port: 3000, loadBalancer: "alb", paths: ["/api/*"], default: true },
      { name: "api-v2", port: 3001, loadBalancer: "alb", paths: ["/api/v2/*"], default: false },
    ]);
    assert.deepEqual(plan.rules.map((r) => r.pathPattern), ["/api/v2/*", "/api/*"]);
  });

  it("keys rules by their pattern, so reordering services renames nothing", () => {
    const keys = (services: RoutedService[]) => planRouting(services).rules.map((r) => `${r.service}:${r.key}`).sort();
    assert.deepEqual(keys(seed001), keys([...seed001].reverse()));
    assert.match(planRouting(seed001).rules[0].key, /^socket-io-[0-9a-f]{4}$/);
  });

  it("reports a path routed twice, paths on a non-ALB service, and two defaults", () => {
    const plan = planRouting([
      ...seed001,
      { name: "admin", port: 3002, loadBalancer: "alb", paths: ["/api/*"], default: true },
      { name: "ws", port: 3003, loadBalancer: "nlb", paths: ["/ws/*"], default: false },
    ]);
    assert.deepEqual(
      plan.problems.map((p) => `${p.serviceIndex}.${p.field}${p.pathIndex === undefined ? "" : `[${p.pathIndex}]`}: ${p.message}`),
      [
        "2.paths[0]: is already routed to service backend",
        "3.paths: path rules need loadBalancer alb (this service uses nlb)",
        "2.default: only one service takes the default rule (frontend already does)",
      ],
    );
  });
});

describe("names", () => {
  it("keeps load balancer and target group names within 32 characters", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{2,44}[a-z0-9]$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,27}[a-z0-9]$/), fc.integer({ min: 1024, max: 65535 }), (prefix, service, port) => {
        const lb = boundedName(`${prefix}-alb`, 32);
        const tg = targetGroupName(prefix, service, `HTTP:${port}:ip`);
        const valid = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
        return lb.length <= 32 && tg.length <= 32 && valid.test(lb) && valid.test(tg);
      }),
    );
    assert.equal(boundedName("platform-prod-alb", 32), "platform-prod-alb");
    const long = boundedName("a-very-long-project-name-production-dr-alb", 32);
    assert.ok(long.length <= 32 && long.startsWith("a-very-long-project-name-"), long);
    assert.notEqual(long, boundedName("a-very-long-project-name-production-alb", 32), "distinct long names stay distinct");
  });

  it("gives a target group a new name when a replacing property changes", () => {
    assert.notEqual(targetGroupName("platform-prod", "backend", "HTTP:3001:ip"), targetGroupName("platform-prod", "backend", "HTTP:3002:ip"));
    assert.match(targetGroupName("platform-prod", "backend", "HTTP:3001:ip"), /^platform-prod-backend-[0-9a-f]{5}$/);
    assert.equal(pathSlug("/socket.io/*"), "socket-io");
    assert.equal(pathSlug("/*"), "root");
  });
});

describe("environment references", () => {
  it("finds references and rejects unknown ones", () => {
    assert.deepEqual(envRefs("redis://${cache.host}:${cache.port}"), ["cache.host", "cache.port"]);
    assert.equal(envRefProblem("database.host"), undefined);
    assert.equal(envRefProblem("bucket.files"), undefined);
    assert.match(String(envRefProblem("database.password")), /not a known reference/);
  });

  it("cuts a value into literals and references, in order, empty literals kept", () => {
    assert.deepEqual(envValueParts("redis://${cache.host}:${cache.port}"), ["redis://", { ref: "cache.host" }, ":", { ref: "cache.port" }, ""]);
    assert.deepEqual(envValueParts("${region}"), ["", { ref: "region" }, ""]);
    assert.deepEqual(envValueParts("plain"), ["plain"]);
  });
});
