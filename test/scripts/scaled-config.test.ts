import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repositoryStackFiles } from "../../automation/stacks/accounts";
import { readStackFile, stackFilePath } from "../../automation/plan/stack-file";
import { scaledConfig, stackFileText } from "../../scripts/scaled-config";

describe("scaled config: the benchmark's 20x stack file", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scaled-config-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const roundTrip = (name: string, config: Record<string, string>) => {
    const file = path.join(tmp, `Pulumi.${name}.yaml`);
    fs.writeFileSync(file, stackFileText(config));
    return { text: fs.readFileSync(file, "utf8"), read: readStackFile(file) };
  };

  it("is written as block YAML, as stack files are, and reads back as the config it was made from", () => {
    const config = scaledConfig(readStackFile(stackFilePath("prod")).config, 20);
    const { text, read } = roundTrip("prod-x20", config);
    assert.match(text, /^config:\n {2}aws:region: ap-northeast-2\n/);
    assert.deepEqual(read.config, config);
  });

  it("keeps every repository stack file's config as it is when written out unscaled", () => {
    const files = repositoryStackFiles();
    assert.ok(files.includes(stackFilePath("prod")) && files.some((f) => f.includes("/blueprints/")), files.join(", "));
    for (const file of files) {
      const stackFile = readStackFile(file);
      assert.deepEqual(roundTrip(`copy-${path.basename(path.dirname(file))}-${stackFile.stack}`, stackFile.config).read.config, stackFile.config, file);
    }
  });
});
