import { strict as assert } from "assert";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { ChildProcess, spawn } from "child_process";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as path from "path";
import { allRules } from "../../policies/rules";
import { repoRoot } from "../helpers/paths";

const packDir = path.join(repoRoot, "policies");

/**
 * Starts policies/index.ts the way the CLI's policy host does (cwd = the pack, TypeScript through
 * ts-node) and talks to it over the analyzer protocol, as `pulumi preview --policy-pack` would.
 */
describe("policy pack entry point", function () {
  this.timeout(60000);
  let child: ChildProcess;
  let port: number;
  let stderr = "";
  let client: AnalyzerClient;

  before(async () => {
    child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
    child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
    port = await new Promise<number>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`no port within 45 s; stderr: ${stderr}`)), 45000);
      child.stdout?.on("data", (chunk) => {
        out += String(chunk);
        const line = out.split("\n")[0];
        if (out.includes("\n")) {
          clearTimeout(timer);
          if (/^\d+$/.test(line.trim())) resolve(Number(line));
          else reject(new Error(`first line is not a port: ${line}`));
        }
      });
      child.on("exit", (code) => reject(new Error(`exited with ${code} before printing a port; stderr: ${stderr}`)));
    });
    client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  after(() => {
    client?.close();
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  /** A unary call of the analyzer as a promise: `send` makes the call with the callback it is given. */
  const call = <T>(send: (done: (error: grpc.ServiceError | null, response: T) => void) => unknown): Promise<T> =>
    new Promise((resolve, reject) => send((error, response) => (error ? reject(error) : resolve(response))));

  it("prints its port and describes every rule with its default enforcement", async () => {
    assert.ok(port > 0 && port < 65536);
    const info = await call<analyzer.AnalyzerInfo>((done) => client.getAnalyzerInfo(new Empty(), done));
    assert.equal(info.getName(), "aws-platform-guard");
    const policies = info.getPoliciesList().map((p) => p.getName());
    assert.deepEqual(policies, allRules.map((r) => r.name));
  });

  it("judges a resource sent over the wire and applies the stack's pack config", async () => {
    const request = new analyzer.AnalyzeRequest();
    request.setType("aws:sqs/queue:Queue");
    request.setName("orders");
    request.setUrn("urn:pulumi:prod::aws-platform::aws:sqs/queue:Queue::orders");
    request.setProperties(Struct.fromJavaScript({ tags: { Tier: "jobs" } }));
    const options = new analyzer.AnalyzerResourceOptions();
    options.setProtect(false);
    request.setOptions(options);
    const diagnostics = async () =>
      (await call<analyzer.AnalyzeResponse>((done) => client.analyze(request, done))).getDiagnosticsList().map((d) => [d.getPolicyname(), d.getEnforcementlevel(), d.getMessage()] as const);
    const mandatory = analyzer.EnforcementLevel.MANDATORY;
    const advisory = analyzer.EnforcementLevel.ADVISORY;

    const before = await diagnostics();
    assert.deepEqual(before.filter(([name]) => name === "messaging-encrypted").map(([, level]) => level), [mandatory]);
    assert.ok(before.some(([name, level]) => name === "required-tags" && level === mandatory), "without a config every rule blocks");

    const configure = new analyzer.ConfigureAnalyzerRequest();
    const policyConfig = new analyzer.PolicyConfig();
    policyConfig.setEnforcementlevel(advisory);
    policyConfig.setProperties(Struct.fromJavaScript({}));
    configure.getPolicyconfigMap().set("required-tags", policyConfig);
    await call((done) => client.configure(configure, done));
    const after = await diagnostics();
    assert.ok(after.some(([name, level]) => name === "required-tags" && level === advisory), JSON.stringify(after));
    assert.ok(after.some(([name, level]) => name === "messaging-encrypted" && level === mandatory));

    // A suppression in the pack config (what plan writes from platform:policy.suppressions) applies in the engine too.
    const suppressed = new analyzer.PolicyConfig();
    suppressed.setEnforcementlevel(mandatory);
    suppressed.setProperties(Struct.fromJavaScript({ suppressions: [{ resource: "orders", reason: "Accepted by the design review" }] }));
    configure.getPolicyconfigMap().set("messaging-encrypted", suppressed);
    await call((done) => client.configure(configure, done));
    assert.deepEqual((await diagnostics()).filter(([name]) => name === "messaging-encrypted"), []);
  });

  it("is killed cleanly", async () => {
    const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    child.kill("SIGTERM");
    const { code, signal } = await exit;
    assert.deepEqual({ code, signal }, { code: null, signal: "SIGTERM" });
    assert.doesNotMatch(stderr, /Error|exception/i, stderr);
  });
});
