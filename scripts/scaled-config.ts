// A stack's config grown by a factor: its services, buckets and jobs repeated (prod at 20 is 40
// services, 40 buckets and 100 jobs). The benchmark plans it to see how plan's time grows with the
// stack; the dashboards-at-scale test renders it to see its alarms split over several dashboards.

import { stringify } from "yaml";

interface Service { name: string; port?: number; routing?: unknown; [key: string]: unknown }
interface Job { name: string; triggers?: unknown; [key: string]: unknown }

/** `config` is flat, as Pulumi hands it to a program: `platform:compute` -> JSON text. */
export function scaledConfig(config: Readonly<Record<string, string>>, factor: number): Record<string, string> {
  const scaled = { ...config };
  const jobs = JSON.parse(config["platform:jobs"]) as { functions: Job[] };
  // A scheduled copy of one job: copies of the queue- and upload-triggered jobs would need queues and buckets of their own.
  const report = jobs.functions.find((f) => f.name === "report-generator") ?? jobs.functions[0];
  jobs.functions = Array.from({ length: jobs.functions.length * factor }, (_, i) => ({ ...report, name: `report-${i}`, triggers: [{ type: "schedule", expression: "cron(0 0 * * ? *)" }] }));
  scaled["platform:jobs"] = JSON.stringify(jobs);

  const compute = JSON.parse(config["platform:compute"]) as { services: Service[]; ecs?: Record<string, unknown> };
  const [frontend, backend] = compute.services;
  // Copies of the backend without its environment and secrets, each on its own path of the load balancer.
  const copies = Array.from({ length: compute.services.length * factor - 1 }, (_, i) => ({
    ...backend,
    name: `api-${i}`,
    port: 4000 + i,
    routing: { paths: [`/api-${i}/*`] },
    environment: {},
    secrets: {},
    permissions: { buckets: [] },
  }));
  compute.services = [frontend, ...copies];
  compute.ecs = { ...compute.ecs, services: {} };
  scaled["platform:compute"] = JSON.stringify(compute);

  const storage = JSON.parse(config["platform:storage"]) as { buckets: unknown[] };
  const extra = storage.buckets.length * factor - storage.buckets.length;
  storage.buckets = [...storage.buckets, ...Array.from({ length: extra }, (_, i) => ({ name: `data-${i}`, versioning: true }))];
  scaled["platform:storage"] = JSON.stringify(storage);
  return scaled;
}

/**
 * A flat config as a stack file's text, for `plan --file`: block YAML, as stack files are written
 * (it was JSON, which is YAML too, until 2026-12-06; the parser reads block YAML a little faster).
 */
export function stackFileText(config: Readonly<Record<string, string>>): string {
  const values = Object.fromEntries(Object.entries(config).map(([key, text]) => [key, parsed(text)]));
  return stringify({ config: values });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
