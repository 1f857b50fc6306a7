import { strict as assert } from "assert";
import * as path from "path";
import { PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { repoRoot } from "../helpers/paths";

/* The order notification's SMS (OpenMarket design, phase 7: order notice by e-mail and SMS)
   against in-memory fakes: who is texted, with which attributes, what a bad phone or a failed
   publish does to the order, what a re-delivered event does, and the text's length. */
const job = path.join(repoRoot, "jobs", "order-notification");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a handler is a .js file outside the TypeScript program
const { makeHandler, s3WriteNewJson } = require(path.join(job, "index.js"));
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
const { smsText } = require(path.join(job, "sms.js"));

interface Publish {
  PhoneNumber: string;
  Message: string;
  MessageAttributes: Record<string, { DataType: string; StringValue: string }>;
}
type LogEntry = Record<string, unknown>;

// SMS_ENABLED comes with permissions.sms (the jobs tier sets it beside the role's grant).
const env = { FROM_ADDRESS: "orders@openmarket.com", ORDERS_BUCKET: "files", ORDERS_PREFIX: "orders/", SMS_ENABLED: "true" };
const order = (phone?: unknown) => ({
  orderId: "A-100",
  customer: { email: "kim@example.com", name: "김", ...(phone === undefined ? {} : { phone }) },
  items: [{ name: "Mug", quantity: 2, unitPrice: 12000 }],
  currency: "KRW",
});

/** A handler over fakes; the file store refuses a second write of a key as S3's conditional write does. */
function fakeJob(options: { publish?: (input: Publish) => Promise<unknown>; env?: Record<string, string> } = {}) {
  const mails: { to: string }[] = [];
  const files = new Map<string, unknown>();
  const texts: Publish[] = [];
  const logs: LogEntry[] = [];
  const handler = makeHandler({
    env: options.env ?? env,
    now: () => new Date("2026-11-01T03:00:00Z"),
    log: (entry: LogEntry) => logs.push(entry),
    sendEmail: (mail: { to: string }) => Promise.resolve(mails.push(mail)),
    writeNewJson: (_bucket: string, key: string, body: unknown) => {
      if (files.has(key)) return Promise.resolve(false);
      files.set(key, body);
      return Promise.resolve(true);
    },
    publishSms: options.publish ?? ((input: Publish) => Promise.resolve(texts.push(input))),
  });
  return { handler, mails, files, texts, logs };
}

describe("order notification SMS (seed 004)", () => {
  it("texts the customer's E.164 phone a transactional Korean confirmation, after the mail", async () => {
    const { handler, mails, files, texts } = fakeJob();
    await handler({ time: "2026-11-01T03:00:00Z", detail: order("+821012345678") });
    assert.equal(mails.length, 1);
    assert.equal(files.size, 1);
    assert.equal(texts.length, 1);
    assert.equal(texts[0].PhoneNumber, "+821012345678");
    // Order confirmations support a customer transaction: SNS's Transactional type, set per message.
    assert.deepEqual(texts[0].MessageAttributes, { "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" } });
    assert.match(texts[0].Message, /주문/);
    assert.ok(texts[0].Message.includes("A-100"), texts[0].Message);
    assert.ok(texts[0].Message.includes("₩24,000"), texts[0].Message);
  });

  it("sends no SMS when the order has no phone, and logs why", async () => {
    for (const phone of [undefined, null, ""]) {
      const { handler, mails, texts, logs } = fakeJob();
      await handler({ time: "2026-11-01T03:00:00Z", detail: order(phone) });
      assert.equal(mails.length, 1);
      assert.equal(texts.length, 0);
      const entry = logs.find((e) => e.sms === "no phone");
      assert.ok(entry, `no log says why for ${JSON.stringify(phone)}: ${JSON.stringify(logs)}`);
      assert.equal(entry.level, "INFO");
      assert.equal(entry.orderId, "A-100");
    }
  });

  it("sends no SMS in a stack that does not grant the job SMS (no SMS_ENABLED), and logs why", async () => {
    for (const flag of [undefined, "false", "1"]) {
      const { handler, mails, texts, logs } = fakeJob({ env: { ...env, SMS_ENABLED: flag as string } });
      await handler({ time: "2026-11-01T03:00:00Z", detail: order("+821012345678") });
      assert.equal(mails.length, 1);
      assert.equal(texts.length, 0, String(flag));
      assert.ok(logs.some((e) => e.sms === "sms not enabled" && e.level === "INFO" && e.orderId === "A-100"), JSON.stringify(logs));
    }
  });

  it("skips a phone that is not E.164 with a warning, and still mails and files the order", async () => {
    const malformed = ["010-1234-5678", "01012345678", "821012345678", "+82 10 1234 5678", "+82-10-1234-5678", "+0821012345678", "+1234567890123456", "+8", 821012345678];
    for (const phone of malformed) {
      const { handler, mails, files, texts, logs } = fakeJob();
      const result = await handler({ time: "2026-11-01T03:00:00Z", detail: order(phone) });
      assert.deepEqual(result, { orderId: "A-100", day: "2026-11-01" }, String(phone));
      assert.equal(mails.length, 1, String(phone));
      assert.equal(files.size, 1, String(phone));
      assert.equal(texts.length, 0, String(phone));
      const warning = logs.find((e) => e.level === "WARN");
      assert.ok(warning, `no warning for ${phone}: ${JSON.stringify(logs)}`);
      assert.equal(warning.orderId, "A-100");
      assert.equal(warning.sms, "phone not E.164");
      // The number itself is personal data: the warning names the order, not the phone.
      assert.ok(!JSON.stringify(logs).includes(String(phone)), JSON.stringify(logs));
    }
  });

  it("accepts E.164 numbers of other countries and of the longest length", async () => {
    for (const phone of ["+14155550100", "+442071838750", "+123456789012345"]) {
      const { handler, texts } = fakeJob();
      await handler({ time: "2026-11-01T03:00:00Z", detail: order(phone) });
      assert.deepEqual(texts.map((t) => t.PhoneNumber), [phone]);
    }
  });

  it("logs a refused publish as an error and completes the order, since a retry would mail the customer again", async () => {
    const refusal = Object.assign(new Error("No quota left for account"), { name: "ThrottledException" });
    const { handler, mails, files, logs } = fakeJob({ publish: () => Promise.reject(refusal) });
    await handler({ time: "2026-11-01T03:00:00Z", detail: order("+821012345678") });
    assert.equal(mails.length, 1);
    assert.equal(files.size, 1);
    const error = logs.find((e) => e.level === "ERROR");
    assert.deepEqual(error && { orderId: error.orderId, sms: error.sms, error: error.error }, { orderId: "A-100", sms: "failed", error: "ThrottledException" });
  });

  it("texts once when the event is delivered again: the order is filed already", async () => {
    const { handler, mails, texts, logs } = fakeJob();
    const event = { time: "2026-11-01T03:00:00Z", detail: order("+821012345678") };
    await handler(event);
    await handler(event);
    assert.equal(texts.length, 1);
    assert.equal(mails.length, 2, "the mail is sent again: it is the cheap, idempotent-enough channel");
    assert.ok(logs.some((e) => e.sms === "already filed" && e.orderId === "A-100"), JSON.stringify(logs));
  });

  describe("the text", () => {
    // Korean is outside GSM-7, so SMS carries it as UCS-2: 140 bytes are 70 characters, and a
    // longer text is split into parts, each billed (SNS Developer Guide, "Publishing to a mobile phone").
    const ucs2Units = (text: string) => text.length;

    it("fits one 70-character UCS-2 segment for every order id and total", () => {
      const ids = ["A", "A-100", "ORD-20261101-000123", "x".repeat(40), "y".repeat(64)];
      const totals: [number, string][] = [[0, "KRW"], [24000, "KRW"], [123456789000, "KRW"], [19.99, "USD"], [987654321.5, "EUR"]];
      for (const id of ids) {
        for (const [total, currency] of totals) {
          const text = smsText({ orderId: id, total, currency });
          assert.ok(ucs2Units(text) <= 70, `${ucs2Units(text)} characters: ${text}`);
          assert.ok([...text].every((c) => c.codePointAt(0)! <= 0xffff), "outside the BMP, a character takes two UCS-2 units");
          assert.match(text, /주문/);
        }
      }
    });

    it("names the order and its total when they fit, and drops the total before the order id", () => {
      const short = smsText({ orderId: "ORD-20261101-000123", total: 24000, currency: "KRW" });
      assert.ok(short.includes("ORD-20261101-000123") && short.includes("₩24,000"), short);
      const long = smsText({ orderId: "x".repeat(40), total: 123456789000, currency: "KRW" });
      assert.ok(long.includes("x".repeat(40)), long);
      assert.ok(!long.includes("123,456,789,000"), long);
    });
  });

  describe("filing through S3", () => {
    const client = () => new S3Client({ region: "ap-northeast-2", credentials: { accessKeyId: "test", secretAccessKey: "test" } });

    it("writes the order only if its key is new (If-None-Match: *)", async () => {
      const s3 = client();
      const mock = mockClient(s3);
      mock.on(PutObjectCommand).resolves({});
      assert.equal(await s3WriteNewJson(s3, PutObjectCommand)("files", "orders/date=2026-11-01/A-100.json", { total: 1 }), true);
      const input = mock.commandCalls(PutObjectCommand)[0].args[0].input;
      assert.deepEqual(
        { Bucket: input.Bucket, Key: input.Key, IfNoneMatch: input.IfNoneMatch, Body: input.Body },
        { Bucket: "files", Key: "orders/date=2026-11-01/A-100.json", IfNoneMatch: "*", Body: '{"total":1}' },
      );
    });

    it("reads S3's 412 Precondition Failed as 'filed before' and lets every other error through", async () => {
      const s3 = client();
      const mock = mockClient(s3);
      const error = (name: string, status: number) => new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status }, message: name });
      mock.on(PutObjectCommand).rejectsOnce(error("PreconditionFailed", 412)).rejectsOnce(error("ConditionalRequestConflict", 409)).rejectsOnce(error("AccessDenied", 403));
      const write = s3WriteNewJson(s3, PutObjectCommand);
      assert.equal(await write("files", "k", {}), false);
      // A concurrent write of the same key: the invocation fails and Lambda's retry then meets the 412.
      await assert.rejects(write("files", "k", {}), /ConditionalRequestConflict/);
      await assert.rejects(write("files", "k", {}), /AccessDenied/);
    });
  });
});
