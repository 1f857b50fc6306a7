import type { FleetFile } from "../../automation/fleet/schema";

/** A small valid fleet: two products, dev and prod in Seoul, product a's standby in Tokyo. */
export function smallFleet(): FleetFile {
  return {
    concurrency: { overall: 4, perAccount: 2, perRegion: 3 },
    environments: ["dev", "prod"],
    regions: ["ap-northeast-2", "ap-northeast-1"],
    accounts: { dev: { id: "111122223333" }, prod: { id: "123456789012", role: "arn:aws:iam::123456789012:role/platform-deployer" } },
    stacks: [
      { name: "a-dev", product: "a", environment: "dev", region: "ap-northeast-2", account: "dev", baseline: true },
      { name: "b-dev", product: "b", environment: "dev", region: "ap-northeast-2", account: "dev" },
      { name: "a-prod", product: "a", environment: "prod", region: "ap-northeast-2", account: "prod", baseline: true, trail: true },
      { name: "b-prod", product: "b", environment: "prod", region: "ap-northeast-2", account: "prod" },
      { name: "a-prod-dr", product: "a", environment: "prod", region: "ap-northeast-1", account: "prod", standbyFor: "a-prod", baseline: true },
    ],
  };
}
