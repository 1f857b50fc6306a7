import { strict as assert } from "assert";
import { T } from "../../../policies/lib/types";
import { ecrImmutableTags, ecrScanOnPush } from "../../../policies/rules/registry";
import { res, validate, validateStack } from "../../helpers/policy";

describe("policy: ECR tags and scanning", () => {
  it("ecr-immutable-tags passes IMMUTABLE (and with exclusions), fails MUTABLE and the default", async () => {
    for (const m of ["IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"]) assert.deepEqual((await validate(ecrImmutableTags, res(T.ecrRepository, "r", { imageTagMutability: m }))).violations, [], m);
    assert.deepEqual((await validate(ecrImmutableTags, res(T.ecrRepository, "r", { imageTagMutability: "MUTABLE" }))).violations, ["tags are MUTABLE: set imageTagMutability IMMUTABLE"]);
    assert.deepEqual((await validate(ecrImmutableTags, res(T.ecrRepository, "r", {}))).violations, ["tags are MUTABLE (the default): set imageTagMutability IMMUTABLE"]);
  });

  it("ecr-scan-on-push passes the repository's own scan on push or a registry rule that covers it", async () => {
    const own = res(T.ecrRepository, "own", { name: "shop/api", imageScanningConfiguration: { scanOnPush: true } });
    const covered = res(T.ecrRepository, "covered", { name: "shop/web", imageScanningConfiguration: { scanOnPush: false } });
    const registry = res(T.ecrRegistryScanning, "scanning", { scanType: "ENHANCED", rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "shop/*", filterType: "WILDCARD" }] }] });
    assert.deepEqual((await validateStack(ecrScanOnPush, [own, covered, registry])).violations, []);
  });

  it("ecr-scan-on-push fails a repository that nothing scans (a manual registry rule does not count)", async () => {
    const plain = res(T.ecrRepository, "plain", { name: "shop/worker" });
    const manual = res(T.ecrRegistryScanning, "scanning", { scanType: "BASIC", rules: [{ scanFrequency: "MANUAL", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }] });
    const outcome = await validateStack(ecrScanOnPush, [plain, manual]);
    assert.deepEqual(outcome.violations, ["repository shop/worker does not scan pushed images: set imageScanningConfiguration.scanOnPush true"]);
    assert.deepEqual(outcome.urns, [plain.urn]);
  });
});
