import { strict as assert } from "assert";
import { assertIssue, configIssues } from "../helpers/config";
import { stackConfig } from "../helpers/stacks";

describe("config: platform:acknowledgedReplacements", () => {
  const withAcknowledgements = (stack: "prod" | "dev", names: unknown) => ({ ...stackConfig(stack), "platform:acknowledgedReplacements": JSON.stringify(names) });

  it("is empty unless set, and takes logical names and <type>::<name>", () => {
    assert.deepEqual(configIssues(stackConfig("prod")), []);
    assert.deepEqual(configIssues(withAcknowledgements("prod", ["platform-prod-cache-group", "aws:s3/bucket:Bucket::platform-prod-logs"])), []);
  });

  it("refuses a name listed twice and a value that is no resource name", () => {
    assertIssue(configIssues(withAcknowledgements("prod", ["a-name", "a-name"])), "platform:acknowledgedReplacements[1]", "is listed twice");
    assertIssue(configIssues(withAcknowledgements("prod", ["two words"])), "platform:acknowledgedReplacements[0]", "must be a resource's logical name");
  });

  it("refuses acknowledgements in a disposable stack, where nothing is protected", () => {
    assertIssue(configIssues(withAcknowledgements("dev", ["platform-dev-cache-group"])), "platform:acknowledgedReplacements", "nothing is protected");
  });
});
