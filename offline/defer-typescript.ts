// Must run before anything loads @pulumi/pulumi: import it first, for its effect.
//
// @pulumi/pulumi's index loads its Automation API, which loads the runtime, whose closure
// serialization (runtime/closure/parseFunction.js) requires the TypeScript compiler at load time:
// a 9 MB file that costs a plan about 0.3 s to compile, and that only serializing a JavaScript
// function into a resource (aws.lambda.CallbackFunction, dynamic providers) ever uses. The SDK
// meant to load it only when needed (pulumi/pulumi#10185, "Avoid importing typescript unless
// necessary"); the Automation API's import brought it back. This puts a stand-in in the module
// cache under the SDK's own shim (typescript-shim.js): the first use of any of its members loads
// the real shim, so a program that does serialize a function gets the same module it always did.
import * as Module from "module";

type ModuleWithCache = typeof Module & { _cache: Record<string, NodeModule> };

export function deferTypeScript(): boolean {
  let shim: string;
  try {
    shim = require.resolve("@pulumi/pulumi/typescript-shim");
  } catch {
    return false; // a future SDK without the shim: nothing to defer
  }
  const cache = (Module as ModuleWithCache)._cache;
  if (cache[shim]) return false; // loaded already: too late
  let real: object | undefined;
  const load = (): object => {
    if (!real) {
      delete cache[shim];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deferred load itself
      real = require(shim) as object;
    }
    return real;
  };
  const standIn = new Proxy(
    {},
    {
      get: (_target, key) => Reflect.get(load(), key) as unknown,
      has: (_target, key) => Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor ? { ...descriptor, configurable: true } : undefined;
      },
    },
  );
  const entry = new Module.Module(shim);
  entry.filename = shim;
  entry.loaded = true;
  entry.exports = standIn;
  cache[shim] = entry;
  return true;
}

deferTypeScript();
