import { hex, uuid } from "../ids";
import { list, num, records, str } from "../inputs";
import { CallModel, ResourceModel } from "../model";

/** Hosted zone ids: `Z` and upper-case letters and digits. */
const zoneId = (seed: string) => `Z${hex(seed, 20).toUpperCase()}`.slice(0, 21);
const nameServers = (seed: string) => {
  const n = parseInt(hex(seed, 6), 16);
  return [`ns-${n % 512}.awsdns-${n % 64}.com`, `ns-${(n >> 3) % 2048}.awsdns-${(n >> 5) % 64}.org`, `ns-${(n >> 7) % 1024}.awsdns-${(n >> 9) % 64}.net`, `ns-${(n >> 11) % 2048}.awsdns-${(n >> 13) % 64}.co.uk`];
};
const strip = (name: string | undefined) => String(name).replace(/\.$/, "").toLowerCase();

export const route53Resources: Record<string, ResourceModel> = {
  "aws:route53/zone:Zone": (ctx) => {
    const id = zoneId(`${ctx.accountId}:${str(ctx.inputs, "name")}`);
    return { id, state: { zoneId: id, arn: `arn:aws:route53:::hostedzone/${id}`, nameServers: nameServers(ctx.seed), primaryNameServer: nameServers(ctx.seed)[0] } };
  },
  "aws:route53/record:Record": (ctx) => {
    const name = str(ctx.inputs, "name");
    const aliases = list(ctx.inputs, "aliases") ?? [];
    const values = list(ctx.inputs, "records") ?? [];
    if (aliases.length > 0 && values.length > 0) throw new Error(`${ctx.name}: a record is an alias or has values, not both`);
    if (aliases.length === 0 && values.length === 0) throw new Error(`${ctx.name}: a record needs values or an alias`);
    if (values.length > 0 && ctx.inputs.ttl === undefined) throw new Error(`${ctx.name}: a non-alias record needs a ttl`);
    const policies = ["failoverRoutingPolicies", "weightedRoutingPolicies", "latencyRoutingPolicies", "geolocationRoutingPolicies"].filter((key) => (list(ctx.inputs, key) ?? []).length > 0);
    const setIdentifier = str(ctx.inputs, "setIdentifier");
    if (policies.length > 1) throw new Error(`${ctx.name}: a record has one routing policy`);
    if (policies.length === 1 && !setIdentifier) throw new Error(`${ctx.name}: a record with a routing policy needs a setIdentifier`);
    for (const policy of records(ctx.inputs, "failoverRoutingPolicies") ?? []) {
      const type = str(policy, "type");
      if (type === undefined || !["PRIMARY", "SECONDARY"].includes(type)) throw new Error(`${ctx.name}: failover type ${type} (PRIMARY or SECONDARY)`);
    }
    // The provider's id joins zone, name, type and, for routed records, the set identifier.
    const set = setIdentifier ? `_${setIdentifier}` : "";
    return { id: `${str(ctx.inputs, "zoneId")}_${strip(name)}_${str(ctx.inputs, "type")}${set}`, state: { fqdn: strip(name) } };
  },
  /** Health checks are global: the ARN has neither region nor account. */
  "aws:route53/healthCheck:HealthCheck": (ctx) => {
    const { fqdn, ipAddress } = ctx.inputs;
    const type = str(ctx.inputs, "type");
    const resourcePath = str(ctx.inputs, "resourcePath");
    const failureThreshold = num(ctx.inputs, "failureThreshold");
    const requestInterval = num(ctx.inputs, "requestInterval");
    const port = num(ctx.inputs, "port");
    const types = ["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP", "CALCULATED", "CLOUDWATCH_METRIC"];
    if (type === undefined || !types.includes(type)) throw new Error(`${ctx.name}: health check type ${type} (allowed: ${types.join(", ")})`);
    if (["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP"].includes(type) && !fqdn && !ipAddress) throw new Error(`${ctx.name}: an endpoint health check needs fqdn or ipAddress`);
    if (resourcePath !== undefined && !resourcePath.startsWith("/")) throw new Error(`${ctx.name}: resourcePath must start with /`);
    if (failureThreshold !== undefined && (failureThreshold < 1 || failureThreshold > 10)) throw new Error(`${ctx.name}: failureThreshold is 1-10`);
    if (requestInterval !== undefined && ![10, 30].includes(requestInterval)) throw new Error(`${ctx.name}: requestInterval is 10 or 30`);
    if (port !== undefined && (port < 1 || port > 65535)) throw new Error(`${ctx.name}: port ${port}`);
    const id = uuid(ctx.seed);
    return { id, state: { arn: `arn:aws:route53:::healthcheck/${id}` } };
  },
};

export const route53Calls: Record<string, CallModel> = {
  /** A public zone that exists in the mock account for any name asked for (the registered domain's). */
  "aws:route53/getZone:getZone": (inputs, env) => {
    const name = strip(str(inputs, "name"));
    if (!name) throw new Error("getZone: the mock looks zones up by name only");
    const id = zoneId(`${env.accountId}:${name}`);
    return {
      id,
      zoneId: id,
      name,
      arn: `arn:aws:route53:::hostedzone/${id}`,
      privateZone: Boolean(inputs.privateZone),
      nameServers: nameServers(`${env.accountId}:${name}`),
      resourceRecordSetCount: 2,
      callerReference: hex(name, 12),
      comment: "",
      linkedServiceDescription: "",
      linkedServicePrincipal: "",
      primaryNameServer: nameServers(`${env.accountId}:${name}`)[0],
      tags: {},
    };
  },
};
