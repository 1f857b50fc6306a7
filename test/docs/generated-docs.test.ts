import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { generatedDocs, repositoryRoot } from "../../scripts/docs";

/**
 * The generated reference docs are committed; this keeps them equal to what the code generates
 * now (the schema for docs/configuration.md, the policy rules and stack files for
 * docs/policy-rules.md), so a schema or rule change cannot leave its reference behind.
 */
describe("generated docs", () => {
  for (const { file, text } of generatedDocs()) {
    it(`${file} is what \`npm run docs\` writes`, () => {
      const target = path.join(repositoryRoot, file);
      assert.ok(fs.existsSync(target), `${file} is missing: run \`npm run docs\``);
      const committed = fs.readFileSync(target, "utf8");
      if (committed === text) return;
      const a = committed.split("\n");
      const b = text.split("\n");
      const line = a.findIndex((l, i) => l !== b[i]);
      assert.fail(`${file} differs from its generator from line ${line + 1} (committed: ${JSON.stringify(a[line])}, generated: ${JSON.stringify(b[line])}): run \`npm run docs\``);
    });
  }

  it("are deterministic: two renders are equal", () => {
    const first = generatedDocs();
    const second = generatedDocs();
    assert.deepEqual(
      second.map((d) => d.text),
      first.map((d) => d.text),
    );
  });
});
