import { strict as assert } from "assert";
import { configIssueLines, Present, remove, SectionInput } from "../helpers/config";
import { stackConfig } from "../helpers/stacks";

/** The sections the tests edit, as a stack file holds them; what baseSections sets is there. */
interface Sections {
  "platform:compute": Present<SectionInput<"compute">, "ecs">;
  "platform:appSecrets": SectionInput<"appSecrets">;
  "platform:edge": Present<SectionInput<"edge">, "nlb" | "waf">;
}

/** Seed 001's two services, seed 003's ws behind an NLB, and an edge in example.com. */
function baseSections(): Sections {
  return {
    "platform:compute": {
      engine: "ecs",
      ecs: { spotPercent: 80 },
      services: [
        {
          name: "frontend",
          port: 3000,
          image: { uri: "public.ecr.aws/example/frontend:1.0.0" },
          cpuUnits: 512,
          memoryMb: 1024,
          healthCheckPath: "/api/health",
          scaling: { min: 2, desired: 2, max: 5, schedules: [{ name: "office-hours", cron: "0 9 ? * MON-FRI *", minCapacity: 4 }] },
          routing: { default: true },
          secrets: { NEXTAUTH_SECRET: "nextauth" },
        },
        {
          name: "backend",
          port: 3001,
          image: { uri: "public.ecr.aws/example/backend:1.0.0" },
          cpuUnits: 1024,
          memoryMb: 2048,
          healthCheckPath: "/health",
          scaling: { min: 2, desired: 2, max: 6, memoryTargetPercent: 80 },
          routing: { paths: ["/api/*", "/socket.io/*"] },
          websocket: true,
          secrets: { GITHUB_CLIENT_ID: "github-oauth:clientId" },
        },
        {
          name: "ws",
          port: 3002,
          image: { uri: "public.ecr.aws/example/ws:1.0.0" },
          cpuUnits: 512,
          memoryMb: 1024,
          healthCheckPath: "/health",
          scaling: { min: 2, desired: 2, max: 4 },
          routing: { loadBalancer: "nlb" },
          websocket: true,
        },
      ],
    },
    "platform:appSecrets": { nextauth: { source: "generated" }, "github-oauth": { source: "external" } },
    "platform:edge": {
      zone: { name: "example.com", mode: "lookup" },
      domainName: "platform-dev.example.com",
      nlb: { domainName: "ws.platform-dev.example.com" },
      waf: { attachTo: "alb", rateLimitPer5Minutes: 2000 },
    },
  };
}

/** Config problems as `path: message`, after `change` edits the sections (a section set to undefined is left out). */
function problems(change: (sections: Sections) => void): string[] {
  const sections = baseSections();
  change(sections);
  const config = stackConfig("dev");
  for (const [key, value] of Object.entries(sections)) {
    if (value === undefined) delete config[key];
    else config[key] = JSON.stringify(value);
  }
  return configIssueLines(config);
}

const services = (s: Sections) => s["platform:compute"].services;

describe("compute and edge config", () => {
  it("accepts seed 001's services with seed 003's ws behind an NLB", () => {
    assert.deepEqual(problems(() => {}), []);
  });

  it("rejects a CPU/memory pair Fargate cannot run, and a CPU that is no Fargate size", () => {
    assert.deepEqual(
      problems((s) => {
        services(s)[0].memoryMb = 512;
        services(s)[1].cpuUnits = 1000;
      }),
      [
        "platform:compute.services[0].memoryMb: does not pair with 512 CPU units on Fargate (allowed: 1024-4096 in steps of 1024 MiB)",
        "platform:compute.services[1].cpuUnits: is not a Fargate task size (allowed: 256, 512, 1024, 2048, 4096, 8192, 16384)",
      ],
    );
  });

  it("leaves Fargate sizes to the ECS variant", () => {
    const found = problems((s) => {
      s["platform:compute"].engine = "eks";
      remove(s["platform:compute"], "ecs");
      services(s)[0].memoryMb = 512;
    });
    assert.ok(!found.some((p) => p.includes("Fargate")), found.join("\n"));
  });

  it("rejects overrides and listener ports that name an unknown service", () => {
    assert.deepEqual(
      problems((s) => {
        s["platform:compute"].ecs.services = { api: { spotPercent: 50 } };
        s["platform:edge"].nlb.listenerPorts = { frontend: 8443 };
      }),
      [
        "platform:compute.ecs.services.api: names no service (services: frontend, backend, ws)",
        "platform:edge.nlb.listenerPorts.frontend: names no service with loadBalancer nlb (nlb services: ws)",
      ],
    );
  });

  it("rejects a path routed to two services and paths on a service outside the ALB", () => {
    assert.deepEqual(
      problems((s) => {
        services(s)[0].routing = { default: true, paths: ["/api/*"] };
        services(s)[2].routing = { loadBalancer: "nlb", paths: ["/ws/*"] };
      }),
      [
        "platform:compute.services[1].routing.paths[0]: is already routed to service frontend",
        "platform:compute.services[2].routing.paths: path rules need loadBalancer alb (this service uses nlb)",
      ],
    );
  });

  it("rejects port conflicts between services and between NLB listeners", () => {
    assert.deepEqual(
      problems((s) => {
        services(s)[1].port = 3000;
        services(s).push({ ...services(s)[2], name: "ws2", port: 3003 });
      }),
      [
        "platform:compute.services[1].port: conflicts with service frontend: each service needs its own port (the app security group opens one port per service)",
        "platform:edge.nlb.listenerPorts.ws2: port 443 conflicts with service ws's listener: give one of them another port",
      ],
    );
  });

  it("rejects a Spot share outside 0-100", () => {
    assert.deepEqual(
      problems((s) => {
        s["platform:compute"].ecs.spotPercent = 120;
        s["platform:compute"].ecs.services = { backend: { spotPercent: -5 } };
      }),
      ["platform:compute.ecs.spotPercent: must be at most 100", "platform:compute.ecs.services.backend.spotPercent: must be at least 0"],
    );
  });

  it("rejects min above max, desired outside min-max and schedules AWS would refuse", () => {
    assert.deepEqual(
      problems((s) => {
        services(s)[0].scaling = { min: 3, desired: 1, max: 2, schedules: [{ name: "office-hours", cron: "0 9 * * MON-FRI", timezone: "Asia/Soul", minCapacity: 4 }] };
      }),
      [
        "platform:compute.services[0].scaling.min: 3 is above max 2",
        "platform:compute.services[0].scaling.desired: 1 is outside min-max (3-2)",
        "platform:compute.services[0].scaling.schedules[0].cron: takes 6 fields (minutes hours day-of-month month day-of-week year), found 5",
        "platform:compute.services[0].scaling.schedules[0].timezone: is not an IANA time zone (e.g. Asia/Seoul)",
        "platform:compute.services[0].scaling.schedules[0].minCapacity: 4 is above the max of 2 (the service's)",
      ],
    );
  });

  it("rejects a domain outside the hosted zone, and CloudFront without an origin name", () => {
    assert.deepEqual(
      problems((s) => {
        s["platform:edge"].domainName = "platform.example.org";
        s["platform:edge"].cloudFront = { staticBucket: "static" };
      }),
      [
        "platform:edge.domainName: is not in the hosted zone example.com: every name needs a zone to hold its records",
        "platform:edge.originDomainName: is required with cloudFront (the ALB's own name, CloudFront's HTTPS origin)",
      ],
    );
    assert.deepEqual(
      problems((s) => {
        remove(s["platform:edge"], "zone");
      }),
      ["platform:edge.zone: is required (object)"],
    );
  });

  it("refuses a cache lifetime on what goes to the ALB: it gets every viewer cookie and header, and none of them is in the cache key", () => {
    assert.deepEqual(
      problems((s) => {
        s["platform:edge"].originDomainName = "origin.platform-dev.example.com";
        s["platform:edge"].cloudFront = {
          staticBucket: "static",
          defaultTtlSeconds: 86400,
          behaviors: [
            { pathPattern: "/_next/static/*", origin: "static", ttlSeconds: 31536000 },
            { pathPattern: "/api/*", origin: "alb", ttlSeconds: 60 },
            { pathPattern: "/socket.io/*", origin: "alb", ttlSeconds: 0 },
          ],
        };
      }),
      [
        "platform:edge.cloudFront.defaultTtlSeconds: is 86400 but the default behaviour goes to the ALB, which gets the viewer's cookies and headers while the cache key holds none of them: a cached page would be served to the next viewer. Use 0 (caching disabled) and cache static paths with origin: static",
        "platform:edge.cloudFront.behaviors[1].ttlSeconds: is 60 but /api/* goes to the ALB, which gets the viewer's cookies and headers while the cache key holds none of them: a cached page would be served to the next viewer. Use 0 (caching disabled) and cache static paths with origin: static",
      ],
    );
    // Absent, the default behaviour's lifetime is 0: only static paths cache by default.
    assert.deepEqual(
      problems((s) => {
        s["platform:edge"].originDomainName = "origin.platform-dev.example.com";
        s["platform:edge"].cloudFront = { staticBucket: "static" };
      }),
      [],
    );
  });

  it("rejects a name used twice and a web ACL on a CloudFront that is not there", () => {
    assert.deepEqual(
      problems((s) => {
        s["platform:edge"].nlb.domainName = "platform-dev.example.com";
        s["platform:edge"].waf.attachTo = "cloudfront";
      }),
      [
        "platform:edge.nlb.domainName: is already used by edge.domainName",
        "platform:edge.waf.attachTo: is cloudfront but edge.cloudFront is not configured",
      ],
    );
  });

  it("requires the edge when services route through a load balancer, and the NLB section for nlb services", () => {
    assert.deepEqual(
      problems((s) => {
        Object.assign(s, { "platform:edge": undefined });
      }),
      ["platform:edge: is required: services frontend, backend, ws route through a load balancer"],
    );
    assert.deepEqual(
      problems((s) => {
        remove(s["platform:edge"], "nlb");
      }),
      ["platform:edge.nlb: is required: services ws use loadBalancer nlb"],
    );
  });

  it("rejects secret references that do not resolve and reserved secret names", () => {
    assert.deepEqual(
      problems((s) => {
        services(s)[0].secrets = { NEXTAUTH_SECRET: "nextauth:value", ANTHROPIC_API_KEY: "anthropic" };
        services(s)[1].environment = { GITHUB_CLIENT_ID: "x", DATABASE_HOST: "${database.hostname}" };
        s["platform:appSecrets"].database = { source: "generated" };
      }),
      [
        "platform:appSecrets.database: is reserved: services reference the data tier's secret by this name",
        "platform:compute.services[0].secrets.NEXTAUTH_SECRET: reads JSON key value of nextauth, but a generated secret is a plain string",
        "platform:compute.services[0].secrets.ANTHROPIC_API_KEY: names no secret (allowed: database, cache, nextauth, github-oauth; add application secrets under platform:appSecrets)",
        "platform:compute.services[1].environment.DATABASE_HOST: is not a known reference (allowed: ${region}, ${database.host}, ${database.port}, ${cache.host}, ${cache.port}, ${bucket.<key>})",
        "platform:compute.services[1].secrets.GITHUB_CLIENT_ID: is also a plain environment variable: keep it in one place",
      ],
    );
  });

  it("rejects ECS settings under the EKS engine", () => {
    assert.deepEqual(
      problems((s) => {
        s["platform:compute"].engine = "eks";
      }),
      [
        "platform:compute.ecs: applies only when engine is ecs (engine is eks)",
        "platform:compute.eks: is required when engine is eks (version, nodeGroups, addons, monitoring, services)",
      ],
    );
  });
});
