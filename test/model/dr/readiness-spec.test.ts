import { strict as assert } from "assert";
import * as path from "path";
import { readinessSpec } from "../../../automation/readiness/spec";
import { primaryOf, primaryStackFile } from "../../../automation/plan/primary";
import { readStackFile, repoRoot } from "../../../automation/plan/stack-file";
import { loadPlatformConfig } from "../../../config";
import { storeCopies } from "../../../model/dr/recovery-point";

const standbyFiles = ["Pulumi.prod-dr.yaml", ...["codemate", "hooklabs", "newsforge", "onno"].map((p) => path.join("blueprints", p, "Pulumi.prod-dr.yaml"))];

describe("model/dr/readiness-spec: the stores readiness checks are the stores the pair's RPO rules judge", () => {
  for (const file of standbyFiles) {
    it(`${file}: the same stores, mechanisms and targets as storeCopies`, () => {
      const standbyFile = readStackFile(path.join(repoRoot, file));
      const primaryName = primaryOf(standbyFile) as string;
      const primaryFile = readStackFile(primaryStackFile(standbyFile.file, primaryName));
      const standby = { name: standbyFile.stack, config: loadPlatformConfig(standbyFile.config, standbyFile.secretKeys) };
      const primary = { name: primaryName, config: loadPlatformConfig(primaryFile.config, primaryFile.secretKeys) };
      const spec = readinessSpec(primary, standby);
      const copies = storeCopies(primary, standby);
      assert.ok(copies.length > 0);
      assert.deepEqual(
        spec.stores.map((s) => [s.store, s.mechanism, s.targetMinutes, s.targetField]),
        copies.map((c) => [c.store, c.mechanism, c.target.minutes, c.target.field]),
      );
    });
  }
});
