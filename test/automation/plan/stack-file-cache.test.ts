import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parsedLimit, readStackFile } from "../../../automation/plan/stack-file";

// The YAML library's module object: the reader calls its parseDocument through it, so counting
// calls here counts the reader's parses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require("yaml") as { parseDocument: (...args: unknown[]) => unknown };

describe("stack file reader: each text parsed once", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stack-file-cache-"));
  const original = yaml.parseDocument;
  let parses = 0;
  before(() => {
    yaml.parseDocument = (...args: unknown[]) => {
      parses++;
      return original(...args);
    };
  });
  after(() => {
    yaml.parseDocument = original;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const write = (name: string, cpu: number) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, `config:\n  aws:region: ap-northeast-2\n  platform:compute:\n    cpu: ${cpu}\n  platform:token:\n    secure: AAEAAQ==\n`);
    return file;
  };

  it("parses a file read again unchanged only the first time, and hands out the same content", () => {
    const file = write("Pulumi.again.yaml", 256);
    const before = parses;
    const first = readStackFile(file);
    const second = readStackFile(file);
    assert.equal(parses - before, 1);
    assert.deepEqual(second, first);
    assert.equal(second.config["platform:compute"], '{"cpu":256}');
    assert.deepEqual(second.secretKeys, ["platform:token"]);
    assert.equal(second.written?.["platform:compute.cpu"], "256");
  });

  it("gives each caller its own copy: an edit to one read's config, keys or written values is not the next read's", () => {
    const file = write("Pulumi.copies.yaml", 256);
    const first = readStackFile(file);
    first.config["platform:compute"] = '{"cpu":4096}';
    first.secretKeys.push("platform:other");
    (first.written as Record<string, string>)["platform:compute.cpu"] = "4096";
    const second = readStackFile(file);
    assert.equal(second.config["platform:compute"], '{"cpu":256}');
    assert.deepEqual(second.secretKeys, ["platform:token"]);
    assert.equal(second.written?.["platform:compute.cpu"], "256");
  });

  it("reads a file rewritten at once with the same size anew (the text decides, not the file's time)", () => {
    const file = write("Pulumi.edited.yaml", 256);
    assert.equal(readStackFile(file).config["platform:compute"], '{"cpu":256}');
    write("Pulumi.edited.yaml", 512);
    assert.equal(readStackFile(file).config["platform:compute"], '{"cpu":512}');
  });

  it("keeps at most parsedLimit texts: the first kept is parsed again once that many others were parsed after it", () => {
    const first = write("Pulumi.oldest.yaml", 256);
    readStackFile(first);
    for (let i = 0; i < parsedLimit - 1; i++) readStackFile(write(`Pulumi.filler-${i}.yaml`, 256));
    const before = parses;
    readStackFile(first);
    assert.equal(parses - before, 0, "still kept with parsedLimit - 1 others read since");
    readStackFile(write("Pulumi.one-more.yaml", 256));
    const after = parses;
    readStackFile(first);
    assert.equal(parses - after, 1, "dropped once parsedLimit others were parsed after it");
  });

  it("keeps the stack name a caller gives apart from the same file read under another name", () => {
    const file = write("Pulumi.named.yaml", 256);
    assert.equal(readStackFile(file).stack, "named");
    assert.equal(readStackFile(file, "other").stack, "other");
    assert.equal(readStackFile(file).stack, "named");
  });
});
