import { strict as assert } from "assert";
import { readStackFile } from "../../automation/plan/stack-file";
import { resourceModels } from "../../offline/mock-cloud/registry";
import { isStoreType, statelessTypes, storeTypes } from "../../offline/store-types";
import { repositoryStackFiles as stackFiles } from "../../automation/stacks/accounts";
import { renderStackFile } from "../helpers/stacks";
import * as path from "path";
import { repoRoot } from "../../automation/plan/stack-file";

/** Every stack and blueprint file whose data is protected. */
const protectedFiles = stackFiles().filter((file) => readStackFile(file).config["platform:dataProtection"] === "protected");

describe("stores of data and evidence", () => {
  it("classifies every resource type the mock cloud models as a store or not, once", () => {
    const types = Object.keys(resourceModels);
    assert.deepEqual(
      types.filter((t) => !(t in storeTypes) && !(t in statelessTypes)),
      [],
      "say in offline/store-types.ts whether each new type stores data (storeTypes) or not (statelessTypes)",
    );
    assert.deepEqual(Object.keys(storeTypes).filter((t) => t in statelessTypes), [], "a type is in both tables");
    assert.deepEqual([...Object.keys(storeTypes), ...Object.keys(statelessTypes)].filter((t) => !types.includes(t)), [], "a classified type the mock cloud does not model");
  });

  it("has protected stacks to check (prod, prod-dr and the protected blueprints)", () => {
    assert.ok(protectedFiles.length >= 9, protectedFiles.join(", "));
  });

  it("protects nothing in a disposable stack, so that it destroys cleanly", async () => {
    const { resources } = await renderStackFile(stackFiles().find((f) => f.endsWith("Pulumi.dev.yaml")) as string);
    assert.deepEqual(resources.filter((r) => r.options.protect).map((r) => `${r.type} ${r.name}`), []);
  });

  for (const file of protectedFiles) {
    it(`protects every store in ${path.relative(repoRoot, file)}`, async () => {
      const { resources } = await renderStackFile(file);
      const stores = resources.filter((r) => r.custom && isStoreType(r.type));
      assert.ok(stores.length > 0);
      const unprotected = stores.filter((r) => !r.options.protect).map((r) => `${r.type} ${r.name}`);
      assert.deepEqual(unprotected, [], `stores without Pulumi protect (${unprotected.length} of ${stores.length})`);
    });
  }
});
