import { regionAvailabilityZones } from "../../../model/network/regions";
import { hex } from "../ids";
import { num, records, str, strings } from "../inputs";
import { ResourceModel } from "../model";

/**
 * awsx.ec2.Vpc is a remote component: under mocks its children are never registered, so its
 * outputs are computed here from its inputs the way awsx lays subnets out: one subnet per spec
 * per zone (zones from `availabilityZoneNames`, or the first `numberOfAvailabilityZones`,
 * default 3). Resource-valued outputs (`subnets`, `natGateways`) cannot be mocked and stay empty.
 */
const vpc: ResourceModel = (ctx) => {
  const zones = strings(ctx.inputs, "availabilityZoneNames") ?? (regionAvailabilityZones[ctx.region] ?? []).slice(0, num(ctx.inputs, "numberOfAvailabilityZones") ?? 3);
  const specs = (records(ctx.inputs, "subnetSpecs") ?? [{ type: "Private" }, { type: "Public" }]).map((s) => ({ type: str(s, "type"), name: str(s, "name") }));
  const ids = (type: string) =>
    specs.filter((s) => s.type === type).flatMap((s) => zones.map((z) => `subnet-${hex(`${ctx.seed}:${s.name ?? s.type}:${z}`, 17)}`));
  const vpcId = `vpc-${hex(ctx.seed, 17)}`;
  return {
    id: "",
    state: {
      vpcId,
      publicSubnetIds: ids("Public"),
      privateSubnetIds: ids("Private"),
      isolatedSubnetIds: ids("Isolated"),
      subnets: [],
      natGateways: [],
    },
  };
};

export const awsxResources: Record<string, ResourceModel> = { "awsx:ec2:Vpc": vpc };
