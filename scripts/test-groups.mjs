// `npm test`: the suite as two mocha processes side by side (.mocharc.cjs: TEST_GROUP), each
// group's output printed whole and in order, the commands group's as soon as it ends, the
// in-process group's after it; the exit code is 1 when either group failed.
//
// Not `concurrently --group` (used until 2026-12-06): it calls process.exit() as soon as the last
// command ends, and a group that ended before the one listed ahead of it is written out at that
// moment in one large write to a pipe, which the exit cuts short. Reproduced with concurrently
// 9.2.5 (10.x, which needs Node 22, exits the same way): of 20,000 lines, 8,132 reached a reader
// through a pipe; the bench's `npm test` lost the in-process group's summary once the two groups
// ended close together. Here every write is synchronous and the process ends by itself.
import { spawn } from "node:child_process";
import { writeSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/**
 * Runs the commands side by side and writes each one's output (stdout, then what it wrote to
 * stderr meanwhile, in the order it arrived) with `write`, in the order given, as soon as it and
 * every command before it have ended. Resolves to each command's exit code (1 when killed).
 */
export async function runInOrder(commands, write) {
  const runs = commands.map(({ name, command, args, env }) => {
    const chunks = [];
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => chunks.push(chunk));
    return new Promise((resolve) => {
      child.on("error", (error) => resolve({ name, code: 1, output: Buffer.from(`${name}: ${error.message}\n`) }));
      child.on("close", (code, signal) => resolve({ name, code: signal ? 1 : code, signal, output: Buffer.concat(chunks) }));
    });
  });
  const codes = [];
  for (const run of runs) {
    const { name, code, signal, output } = await run;
    write(output);
    write(Buffer.from(`${name}: ${signal ? `killed by ${signal}` : `exit ${code}`}\n`));
    codes.push(code);
  }
  return codes;
}

/** Writes the whole buffer to a file descriptor, waiting out a non-blocking pipe that is full. */
export function writeAll(fd, buffer) {
  for (let at = 0; at < buffer.length; ) {
    try {
      at += writeSync(fd, buffer, at);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const mocha = createRequire(import.meta.url).resolve("mocha/bin/mocha.js");
  const groups = ["commands", "in-process"].map((group) => ({ name: group, command: process.execPath, args: [mocha], env: { TEST_GROUP: group } }));
  const codes = await runInOrder(groups, (buffer) => writeAll(1, buffer));
  process.exitCode = codes.every((code) => code === 0) ? 0 : 1;
}
