// Must run before anything loads @pulumi/pulumi: import it first, for its effect.
//
// @pulumi/pulumi's index loads three things at start-up that an offline render never uses:
//
// - The TypeScript compiler. The index loads its Automation API, which loads the runtime, whose
//   closure serialization (runtime/closure/parseFunction.js) requires the compiler at load time:
//   a 9 MB file that costs a plan about 0.3 s to compile, and that only serializing a JavaScript
//   function into a resource (aws.lambda.CallbackFunction, dynamic providers) ever uses. The SDK
//   meant to load it only when needed (pulumi/pulumi#10185, "Avoid importing typescript unless
//   necessary"); the Automation API's import brought it back.
// - The Automation API itself (`pulumi.automation`: LocalWorkspace, Stack and their helpers,
//   with execa, js-yaml and tmp), 79 files that only a program driving the Pulumi CLI uses;
//   nothing else in the SDK or the provider SDKs imports it (index.js is its only importer).
//   Loading @pulumi/pulumi took 246-276 ms with it deferred against 313-377 ms
//   (three fresh processes each, 2026-12-06).
// - npm's Arborist (@npmcli/arborist, with pacote, sigstore, tuf-js and cacache: 446 files), which
//   runtime/closure/codePaths.js loads at load time and uses only in computeCodePaths, to read the
//   project's package tree for a Lambda's package built from a JavaScript function
//   (aws.lambda.CallbackFunction). Loading @pulumi/pulumi took 108-126 ms with it deferred against
//   259-278 ms (four fresh processes each, 2026-12-06, the Automation API deferred in both).
//
// Each gets a stand-in in the module cache under the SDK's own file: the first use of any of its
// members loads the real module, so a program that does serialize a function or drive a
// workspace gets the same module it always did.
import * as Module from "module";
import * as path from "path";

type ModuleWithCache = typeof Module & { _cache: Record<string, NodeModule> };

export interface DeferOptions {
  /**
   * The stand-in says it is an ES module without loading the real one: the SDK wraps the Automation
   * API and Arborist in TypeScript's `__importStar`, which would otherwise copy every member at
   * once. The Automation API says the same of itself; Arborist does not, and its one reader
   * (codePaths.js) only reads a named member, `Arborist`, which is the same either way. A plain
   * `require("@npmcli/arborist")` used as the class itself would get the stand-in, which is not
   * callable: nothing in this process does that (codePaths.js is its only importer in
   * node_modules, checked 2026-12-06 against @pulumi/pulumi 3.248).
   */
  readonly esModule?: boolean;
  /** The module that requires it, whose resolution is followed (a package the SDK depends on). */
  readonly from?: string;
}

/**
 * Puts a stand-in for `request` in the module cache; false when there is nothing to defer (a
 * future SDK without the module) or it is loaded already.
 */
export function deferModule(request: string, options: DeferOptions = {}): boolean {
  const { esModule = false, from } = options;
  let file: string;
  try {
    file = require.resolve(request, from ? { paths: [path.dirname(require.resolve(from))] } : undefined);
  } catch {
    return false;
  }
  const cache = (Module as ModuleWithCache)._cache;
  if (cache[file]) return false; // loaded already: too late
  let real: object | undefined;
  const load = (): object => {
    if (!real) {
      delete cache[file];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deferred load itself
      real = require(file) as object;
    }
    return real;
  };
  const standIn = new Proxy(
    {},
    {
      get: (_target, key) => (esModule && key === "__esModule" ? true : (Reflect.get(load(), key) as unknown)),
      has: (_target, key) => Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor ? { ...descriptor, configurable: true } : undefined;
      },
    },
  );
  const entry = new Module.Module(file);
  entry.filename = file;
  entry.loaded = true;
  entry.exports = standIn;
  cache[file] = entry;
  return true;
}

deferModule("@pulumi/pulumi/typescript-shim");
deferModule("@pulumi/pulumi/automation", { esModule: true });
deferModule("@npmcli/arborist", { esModule: true, from: "@pulumi/pulumi/runtime/closure/codePaths" });
