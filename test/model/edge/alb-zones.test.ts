import { strict as assert } from "assert";
import { albHostedZoneId, albHostedZoneIds } from "../../../model/edge/alb-zones";
import { supportedRegions } from "../../../model/network/regions";

describe("model: ALB hosted zones per region", () => {
  it("answers AWS's published zone for the platform's pair regions (Seoul, Tokyo) and the others it supports", () => {
    assert.equal(albHostedZoneId("ap-northeast-2"), "ZWKZPGTI48KDX");
    assert.equal(albHostedZoneId("ap-northeast-1"), "Z14GRHDCWA56QT");
    assert.equal(albHostedZoneId("us-east-1"), "Z35SXDOTRQ7X7K");
    for (const region of supportedRegions) assert.match(albHostedZoneId(region) ?? "", /^Z[0-9A-Z]{8,30}$/, region);
  });

  it("knows nothing of a region outside the table, nor of an inherited key", () => {
    assert.equal(albHostedZoneId("mx-central-1"), undefined);
    assert.equal(albHostedZoneId("toString"), undefined);
  });

  it("holds one distinct zone per region", () => {
    const zones = Object.values(albHostedZoneIds);
    assert.equal(new Set(zones).size, zones.length);
  });
});
