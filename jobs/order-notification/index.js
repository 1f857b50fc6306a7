"use strict";
// Seed 004's order notification (OpenMarket design, phase 7: "주문 이메일/SMS 발송"), triggered by
// the order-created event on EventBridge. It mails the customer a confirmation through SES, files
// the order under ORDERS_PREFIX by its KST day, where the nightly report generator finds it, and
// texts the customer's phone through SNS when the event carries one (sms.js) and the stack grants
// the job SMS (`permissions.sms`, which also sets SMS_ENABLED=true).
//
// The mail and the filing are the order's record: their failures throw, so Lambda retries the
// event and then sends it to the dead-letter queue. The SMS is a courtesy on top: a missing or
// malformed phone, or a refused publish (spend limit, opt-out, no permission in this stack), is
// logged and never throws, because a retry would mail the customer again.
//
// Lambda may run an event more than once (two retries after an error, and duplicates even after
// a success: Lambda Developer Guide, "How Lambda handles errors and retries with asynchronous
// invocation"). The order is filed with a conditional write, so only the first run that files it
// texts; a later run mails again (cheap and harmless) but sends no second SMS. The cost of that
// choice: a run that dies after filing and before publishing leaves the customer with the mail only.

const { smsRecipient, smsText, smsPublishInput } = require("./sms");

function makeHandler(deps) {
  return async function handler(event) {
    const from = requiredEnv(deps.env, "FROM_ADDRESS");
    const bucket = requiredEnv(deps.env, "ORDERS_BUCKET");
    const prefix = requiredEnv(deps.env, "ORDERS_PREFIX");
    const order = parseOrder(event.detail);
    const recipient = smsRecipient(event.detail.customer);
    const day = kstDay(new Date(event.time ?? deps.now().toISOString()));

    await deps.sendEmail({
      from,
      to: order.customer.email,
      subject: `Order ${order.orderId} confirmed`,
      text: confirmationText(order),
    });
    // The phone is not filed: the reports do not need it.
    const firstFiling = await deps.writeNewJson(bucket, `${prefix}date=${day}/${order.orderId}.json`, { ...order, orderedAt: event.time, day });
    const sms = await textCustomer(deps, order, deps.env.SMS_ENABLED === "true" ? recipient : { skip: "sms not enabled" }, firstFiling);
    deps.log({ level: "INFO", message: "order confirmed", orderId: order.orderId, day, sms });
    return { orderId: order.orderId, day };
  };
}

/** Sends the order SMS if it can and should; logs why not otherwise, and resolves to what happened. */
async function textCustomer(deps, order, recipient, firstFiling) {
  const skip = recipient.skip ?? (firstFiling ? undefined : "already filed");
  if (skip === "phone not E.164") {
    // The number is personal data: the warning names the order, where the number can be looked up.
    deps.log({ level: "WARN", message: "order SMS not sent: customer.phone is not E.164 (+, country code, number, at most 15 digits)", orderId: order.orderId, sms: skip });
    return skip;
  }
  if (skip) {
    deps.log({ level: "INFO", message: "order SMS not sent", orderId: order.orderId, sms: skip });
    return skip;
  }
  try {
    await deps.publishSms(smsPublishInput(recipient.phone, smsText(order)));
    return "sent";
  } catch (error) {
    // Only the error's name: SNS messages may quote the phone number.
    deps.log({ level: "ERROR", message: "order SMS failed; the order is confirmed by mail", orderId: order.orderId, sms: "failed", error: error && error.name });
    return "failed";
  }
}

/** The event's `detail`, checked: a malformed event fails loudly and lands in the dead-letter queue. */
function parseOrder(detail) {
  const fail = (what) => {
    throw new Error(`order event: ${what}`);
  };
  if (!detail || typeof detail !== "object") fail("has no detail");
  if (typeof detail.orderId !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(detail.orderId)) fail("orderId must be 1-64 of letters, digits, - and _");
  if (!detail.customer || typeof detail.customer.email !== "string" || !detail.customer.email.includes("@")) fail("customer.email is missing");
  if (!Array.isArray(detail.items) || detail.items.length === 0) fail("has no items");
  for (const item of detail.items) {
    if (typeof item.name !== "string" || !Number.isInteger(item.quantity) || item.quantity < 1 || typeof item.unitPrice !== "number") {
      fail("items need a name, a whole quantity and a unitPrice");
    }
  }
  if (typeof detail.currency !== "string" || !/^[A-Z]{3}$/.test(detail.currency)) fail("currency must be an ISO code such as KRW");
  const total = detail.items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
  return { orderId: detail.orderId, customer: { email: detail.customer.email, name: detail.customer.name ?? "" }, items: detail.items, currency: detail.currency, total };
}

function confirmationText(order) {
  const money = (amount) => new Intl.NumberFormat("ko-KR", { style: "currency", currency: order.currency }).format(amount);
  const lines = order.items.map((item) => `- ${item.name} x ${item.quantity}: ${money(item.quantity * item.unitPrice)}`);
  const greeting = order.customer.name ? `${order.customer.name}님, ` : "";
  return [`${greeting}주문이 접수되었습니다. (Order ${order.orderId})`, "", ...lines, "", `Total: ${money(order.total)}`].join("\n");
}

/** The calendar day in Korea (UTC+9, no daylight saving), which the daily report is cut by. */
function kstDay(date) {
  return new Date(date.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

function requiredEnv(env, name) {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/**
 * Files JSON under a key only if the key is new: S3's conditional write (If-None-Match: "*"), which
 * S3 refuses with 412 Precondition Failed when the key exists, and with 409 ConditionalRequestConflict
 * while another write of it is under way (S3 User Guide, "How to prevent object overwrites with
 * conditional writes"; S3 API Reference, PutObject: IfNoneMatch). Resolves false for an existing
 * key; a 409 throws, and Lambda's retry then meets the 412. It needs s3:PutObject only, which the
 * job's readwrite grant on the prefix holds.
 */
function s3WriteNewJson(s3, PutObjectCommand) {
  return async (bucket, key, body) => {
    try {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(body), ContentType: "application/json", IfNoneMatch: "*" }));
      return true;
    } catch (error) {
      if (error && error.$metadata && error.$metadata.httpStatusCode === 412) return false;
      throw error;
    }
  };
}

function awsDependencies() {
  // The Lambda Node.js runtimes from Node.js 18 on include the AWS SDK for JavaScript v3, its SES,
  // S3 and SNS clients among them (Lambda Developer Guide, "Building Lambda functions with Node.js":
  // runtime-included SDK versions), so the job ships no node_modules.
  const { SESv2Client, SendEmailCommand } = require("@aws-sdk/client-sesv2");
  const { S3Client, PutObjectCommand } = require("@aws-sdk/client-s3");
  const { SNSClient, PublishCommand } = require("@aws-sdk/client-sns");
  const ses = new SESv2Client({});
  const s3 = new S3Client({});
  const sns = new SNSClient({});
  return {
    env: process.env,
    now: () => new Date(),
    log: (entry) => console.log(JSON.stringify(entry)),
    sendEmail: ({ from, to, subject, text }) =>
      ses.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [to] },
          Content: { Simple: { Subject: { Data: subject, Charset: "UTF-8" }, Body: { Text: { Data: text, Charset: "UTF-8" } } } },
        }),
      ),
    writeNewJson: s3WriteNewJson(s3, PutObjectCommand),
    publishSms: (input) => sns.send(new PublishCommand(input)),
  };
}

let handler;
exports.handler = (event) => (handler ??= makeHandler(awsDependencies()))(event);
exports.makeHandler = makeHandler;
exports.kstDay = kstDay;
exports.s3WriteNewJson = s3WriteNewJson;
