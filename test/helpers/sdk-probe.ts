import * as fs from "fs";
import * as path from "path";

/**
 * Writes a module to preload (`node -r`) into `dir` that says on exit, as the last line on stderr,
 * whether the process ever loaded the Pulumi SDK ("sdk loaded: true" or "sdk loaded: false").
 */
export function sdkProbe(dir: string): string {
  const probe = path.join(dir, "sdk-probe.js");
  fs.writeFileSync(probe, `process.on("exit", () => process.stderr.write("sdk loaded: " + Object.keys(require.cache).some((f) => f.includes("@pulumi/pulumi/index.js")) + "\\n"));`);
  return probe;
}

/** What a probed process printed on stderr before the probe's line, and whether it loaded the SDK. */
export function probed(stderr: string): { said: string; sdkLoaded: boolean | undefined } {
  const found = /sdk loaded: (true|false)\n$/.exec(stderr);
  return { said: found ? stderr.slice(0, found.index) : stderr, sdkLoaded: found ? found[1] === "true" : undefined };
}
