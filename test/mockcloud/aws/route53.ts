import { hex } from "../ids";
import { CallModel, ResourceModel } from "../model";

/** Hosted zone ids: `Z` and upper-case letters and digits. */
const zoneId = (seed: string) => `Z${hex(seed, 20).toUpperCase()}`.slice(0, 21);
const nameServers = (seed: string) => {
  const n = parseInt(hex(seed, 6), 16);
  return [`ns-${n % 512}.awsdns-${n % 64}.com`, `ns-${(n >> 3) % 2048}.awsdns-${(n >> 5) % 64}.org`, `ns-${(n >> 7) % 1024}.awsdns-${(n >> 9) % 64}.net`, `ns-${(n >> 11) % 2048}.awsdns-${(n >> 13) % 64}.co.uk`];
};
const strip = (name: string) => String(name).replace(/\.$/, "").toLowerCase();

export const route53Resources: Record<string, ResourceModel> = {
  "aws:route53/zone:Zone": (ctx) => {
    const id = zoneId(`${ctx.accountId}:${ctx.inputs.name}`);
    return { id, state: { zoneId: id, arn: `arn:aws:route53:::hostedzone/${id}`, nameServers: nameServers(ctx.seed), primaryNameServer: nameServers(ctx.seed)[0] } };
  },
  "aws:route53/record:Record": (ctx) => {
    const { zoneId: zone, name, type, aliases, records } = ctx.inputs;
    if ((aliases ?? []).length > 0 && (records ?? []).length > 0) throw new Error(`${ctx.name}: a record is an alias or has values, not both`);
    if ((aliases ?? []).length === 0 && (records ?? []).length === 0) throw new Error(`${ctx.name}: a record needs values or an alias`);
    if ((records ?? []).length > 0 && ctx.inputs.ttl === undefined) throw new Error(`${ctx.name}: a non-alias record needs a ttl`);
    return { id: `${zone}_${strip(name)}_${type}`, state: { fqdn: strip(name) } };
  },
};

export const route53Calls: Record<string, CallModel> = {
  /** A public zone that exists in the mock account for any name asked for (the registered domain's). */
  "aws:route53/getZone:getZone": (inputs, env) => {
    const name = strip(inputs.name);
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
