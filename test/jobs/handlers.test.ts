import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { repoRoot } from "../helpers/paths";

/* The jobs' handlers are plain CommonJS for the Lambda runtime; they take their AWS calls as
   dependencies, so these tests run them against in-memory fakes. */
const jobs = path.join(repoRoot, "jobs");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a handler is a .js file outside the TypeScript program, found by its job's folder name
const load = (job: string, file = "index.js") => require(path.join(jobs, job, file));

const png = (width: number, height: number) => {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "ascii");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
};
const jpeg = (width: number, height: number) =>
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0, 0, 0, 0, 0, 0]);

describe("job handlers", () => {
  describe("image processor (seed 004)", () => {
    const { imageInfo } = load("image-processor", "image-info.js");

    it("reads format and size from PNG, JPEG, GIF and WebP headers", () => {
      assert.deepEqual(imageInfo(png(640, 480)), { format: "png", width: 640, height: 480 });
      assert.deepEqual(imageInfo(jpeg(1920, 1080)), { format: "jpeg", width: 1920, height: 1080 });
      const gif = Buffer.from("GIF89a\x10\x00\x20\x00", "latin1");
      assert.deepEqual(imageInfo(gif), { format: "gif", width: 16, height: 32 });
      const webp = Buffer.alloc(30);
      webp.write("RIFF", 0, "ascii");
      webp.write("WEBP", 8, "ascii");
      webp.write("VP8X", 12, "ascii");
      webp.writeUIntLE(799, 24, 3);
      webp.writeUIntLE(599, 27, 3);
      assert.deepEqual(imageInfo(webp), { format: "webp", width: 800, height: 600 });
      assert.equal(imageInfo(Buffer.from("%PDF-1.7 not an image")), null);
    });

    it("writes metadata for each uploaded image under the metadata prefix, and skips what is not an image", async () => {
      const objects: Record<string, Buffer> = { "uploads/cat photo.png": png(300, 200), "uploads/readme.txt": Buffer.from("hello") };
      const written: [string, string, unknown][] = [];
      const handler = load("image-processor").makeHandler({
        env: { METADATA_PREFIX: "metadata/" },
        now: () => new Date("2026-11-01T00:00:00Z"),
        log: () => undefined,
        readRange: (_: string, key: string, length: number) => Promise.resolve(objects[key].subarray(0, length)),
        writeJson: (bucket: string, key: string, body: unknown) => Promise.resolve(written.push([bucket, key, body])),
      });
      const record = (key: string, size: number) => ({ s3: { bucket: { name: "files" }, object: { key, size } } });
      const result = await handler({ Records: [record("uploads/cat+photo.png", 33), record("uploads/readme.txt", 5)] });
      assert.equal(result.processed, 2);
      assert.deepEqual(written, [
        ["files", "metadata/uploads/cat photo.png.json", { bucket: "files", key: "uploads/cat photo.png", size: 33, format: "png", width: 300, height: 200, processedAt: "2026-11-01T00:00:00.000Z" }],
      ]);
    });
  });

  describe("order notification (seed 004)", () => {
    const order = { orderId: "A-100", customer: { email: "kim@example.com", name: "김" }, items: [{ name: "Mug", quantity: 2, unitPrice: 12000 }], currency: "KRW" };
    const env = { FROM_ADDRESS: "orders@codemate.code1398.io", ORDERS_BUCKET: "files", ORDERS_PREFIX: "orders/" };

    it("mails the customer and files the order under its KST day", async () => {
      const mails: { to: string; subject: string; text: string }[] = [];
      const files: [string, string][] = [];
      const handler = load("order-notification").makeHandler({
        env,
        now: () => new Date(),
        log: () => undefined,
        sendEmail: (mail: { to: string; subject: string; text: string }) => Promise.resolve(mails.push(mail)),
        writeNewJson: (_: string, key: string, body: { total: number }) => Promise.resolve(files.push([key, String(body.total)]) > 0),
      });
      // 16:30 UTC is 01:30 the next day in Seoul.
      const result = await handler({ time: "2026-11-01T16:30:00Z", detail: order });
      assert.deepEqual(result, { orderId: "A-100", day: "2026-11-02" });
      assert.equal(mails[0].to, "kim@example.com");
      assert.equal(mails[0].subject, "Order A-100 confirmed");
      assert.match(mails[0].text, /Mug x 2/);
      assert.deepEqual(files, [["orders/date=2026-11-02/A-100.json", "24000"]]);
    });

    it("fails on a malformed event, so it reaches the dead-letter queue", async () => {
      const handler = load("order-notification").makeHandler({ env, now: () => new Date(), log: () => undefined, sendEmail: () => Promise.resolve(), writeNewJson: () => Promise.resolve(true) });
      await assert.rejects(handler({ detail: { ...order, currency: "won" } }), /currency must be an ISO code/);
      await assert.rejects(handler({ detail: { ...order, items: [] } }), /has no items/);
    });
  });

  describe("report generator (seed 004)", () => {
    it("sums the previous KST day's orders into JSON and CSV reports", async () => {
      const orders: Record<string, unknown> = {
        "orders/date=2026-11-01/a.json": { currency: "KRW", total: 24000, items: [{ name: "Mug", quantity: 2 }] },
        "orders/date=2026-11-01/b.json": { currency: "KRW", total: 5000, items: [{ name: "Pen", quantity: 5 }, { name: "Mug", quantity: 1 }] },
      };
      const writes: Record<string, string> = {};
      const handler = load("report-generator").makeHandler({
        env: { ORDERS_BUCKET: "files", ORDERS_PREFIX: "orders/", REPORTS_PREFIX: "reports/" },
        now: () => new Date(),
        log: () => undefined,
        listKeys: (_: string, prefix: string) => Promise.resolve(Object.keys(orders).filter((k) => k.startsWith(prefix))),
        readJson: (_: string, key: string) => Promise.resolve(orders[key]),
        write: (_: string, key: string, body: string) => Promise.resolve((writes[key] = body)),
      });
      // Scheduler's 00:00 KST run on 2 November is 15:00 UTC on 1 November.
      const result = await handler({ scheduledTime: "2026-11-01T15:00:00Z" });
      assert.deepEqual(result, { day: "2026-11-01", orderCount: 2 });
      const report = JSON.parse(writes["reports/daily/2026-11-01.json"]);
      assert.deepEqual(report.revenue, { KRW: 29000 });
      assert.deepEqual(report.topItems, [{ name: "Pen", quantity: 5 }, { name: "Mug", quantity: 3 }]);
      assert.match(writes["reports/daily/2026-11-01.csv"], /^day,orders,currency,revenue\n2026-11-01,2,KRW,29000\n/);
    });
  });

  describe("data sync (seed 004)", () => {
    const { encodeCommand, parseReply } = load("data-sync", "resp.js");
    const { RedisClient } = load("data-sync", "redis.js");

    it("speaks RESP: commands as bulk-string arrays, replies parsed whole or not at all", () => {
      assert.equal(encodeCommand(["SET", "k", "값"]).toString(), "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\n값\r\n");
      assert.deepEqual(parseReply(Buffer.from("+OK\r\n")), { value: "OK", next: 5 });
      assert.deepEqual(parseReply(Buffer.from("*2\r\n:1\r\n$-1\r\n")), { value: [1, null], next: 13 });
      assert.equal(parseReply(Buffer.from("$5\r\nhel")), undefined);
      assert.match(parseReply(Buffer.from("-MOVED 1 h:1\r\n")).value.message, /^MOVED/);
    });

    it("authenticates, follows MOVED to the owning node, and swaps the inventory in atomically", async () => {
      const log: string[] = [];
      const nodes: Record<string, (args: string[]) => unknown> = {
        "seed:6379": (args) => (args[0] === "AUTH" ? "OK" : new (parseReply(Buffer.from("-x\r\n")).value.constructor)("MOVED 12 owner:6380")),
        "owner:6380": (args) => (args[0] === "HSET" ? args.length / 2 - 1 : "OK"),
      };
      const connect = (host: string, port: number) =>
        Promise.resolve({
          send: (args: string[]) => {
            log.push(`${host}:${port} ${args.join(" ")}`);
            return Promise.resolve(nodes[`${host}:${port}`](args));
          },
          close: () => undefined,
        });
      const handler = load("data-sync").makeHandler({
        env: { INVENTORY_BUCKET: "files", INVENTORY_KEY: "inventory/latest.json" },
        now: () => new Date(),
        log: () => undefined,
        readJson: () => Promise.resolve([{ sku: "MUG-1", stock: 3 }, { sku: "PEN-2", stock: 0 }]),
        redis: () => Promise.resolve(new RedisClient({ host: "seed", port: 6379, password: "token", connect })),
      });
      const result = await handler({ scheduledTime: "2026-11-01T01:00:00Z" });
      assert.deepEqual(result, { skus: 2, syncedAt: "2026-11-01T01:00:00.000Z" });
      const owner = log.filter((l) => l.startsWith("owner:6380"));
      assert.deepEqual(owner, [
        "owner:6380 AUTH token",
        "owner:6380 DEL {inventory}:next",
        "owner:6380 HSET {inventory}:next MUG-1 3 PEN-2 0",
        "owner:6380 RENAME {inventory}:next {inventory}",
        "owner:6380 HSET {inventory}:meta syncedAt 2026-11-01T01:00:00.000Z skus 2",
      ]);
    });

    it("reads the AUTH token from the data tier's JSON secret or a plain one", () => {
      const { authToken } = load("data-sync");
      assert.equal(authToken(JSON.stringify({ authToken: "t0k", host: "h", port: 6379 })), "t0k");
      assert.equal(authToken("plain-token"), "plain-token");
    });
  });

  describe("post-meeting processor (seed 003, Python 3.11)", () => {
    it("passes its unittest suite", function () {
      const probe = spawnSync("python3", ["--version"]);
      if (probe.error || probe.status !== 0) this.skip();
      const run = spawnSync("python3", [path.join(__dirname, "test_post_meeting_processor.py")], { encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    });
  });
});
