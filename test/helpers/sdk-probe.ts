import * as fs from "fs";
import * as path from "path";

/**
 * What the SDK loads at start-up and offline/defer-sdk-loads.ts defers, by a file each loads (the
 * stand-in sits under the module's own entry, so each names a file inside).
 */
export const deferredSdkModules: Readonly<Record<string, string>> = {
  "the TypeScript compiler": "node_modules/typescript/lib/typescript.js",
  "the SDK's Automation API": "@pulumi/pulumi/automation/localWorkspace.js",
  "npm's Arborist": "@npmcli/arborist/lib/arborist/index.js",
};

/** Modules a plan never needs off a terminal: the deferred ones and the terminal's spinner. */
export const unneededModules: Readonly<Record<string, string>> = { ...deferredSdkModules, "the terminal's spinner": "yocto-spinner/index.js" };

/** An expression, for a script run in another process, of which of `modules` that process has loaded. */
export function loadedExpression(modules: Readonly<Record<string, string>>): string {
  return `Object.entries(${JSON.stringify(modules)}).filter(([, file]) => Object.keys(require.cache).some((f) => f.endsWith(file))).map(([name]) => name)`;
}

/**
 * Writes a module to preload (`node -r`) into `dir` that says on exit, as the last two lines on
 * stderr, which of `unneededModules` the process loaded ("also loaded: [...]") and whether it
 * ever loaded the Pulumi SDK ("sdk loaded: true" or "sdk loaded: false").
 */
export function sdkProbe(dir: string): string {
  const probe = path.join(dir, "sdk-probe.js");
  fs.writeFileSync(
    probe,
    `process.on("exit", () => {
      const sdk = Object.keys(require.cache).some((f) => f.includes("@pulumi/pulumi/index.js"));
      process.stderr.write("also loaded: " + JSON.stringify(${loadedExpression(unneededModules)}) + "\\n" + "sdk loaded: " + sdk + "\\n");
    });`,
  );
  return probe;
}

/** What a probed process printed on stderr before the probe's lines, whether it loaded the SDK, and which unneeded modules. */
export function probed(stderr: string): { said: string; sdkLoaded: boolean | undefined; alsoLoaded: string[] | undefined } {
  const found = /also loaded: (\[.*\])\nsdk loaded: (true|false)\n$/.exec(stderr);
  if (!found) return { said: stderr, sdkLoaded: undefined, alsoLoaded: undefined };
  return { said: stderr.slice(0, found.index), sdkLoaded: found[2] === "true", alsoLoaded: JSON.parse(found[1]) as string[] };
}
