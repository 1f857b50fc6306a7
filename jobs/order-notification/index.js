"use strict";
// Seed 004's order notification, triggered by the order-created event on EventBridge. It mails
// the customer a confirmation through SES and files the order under ORDERS_PREFIX by its KST
// day, where the nightly report generator finds it.

function makeHandler(deps) {
  return async function handler(event) {
    const from = requiredEnv(deps.env, "FROM_ADDRESS");
    const bucket = requiredEnv(deps.env, "ORDERS_BUCKET");
    const prefix = requiredEnv(deps.env, "ORDERS_PREFIX");
    const order = parseOrder(event.detail);
    const day = kstDay(new Date(event.time ?? deps.now().toISOString()));

    await deps.sendEmail({
      from,
      to: order.customer.email,
      subject: `Order ${order.orderId} confirmed`,
      text: confirmationText(order),
    });
    await deps.writeJson(bucket, `${prefix}date=${day}/${order.orderId}.json`, { ...order, orderedAt: event.time, day });
    deps.log({ level: "INFO", message: "order confirmed", orderId: order.orderId, day });
    return { orderId: order.orderId, day };
  };
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

function awsDependencies() {
  const { SESv2Client, SendEmailCommand } = require("@aws-sdk/client-sesv2");
  const { S3Client, PutObjectCommand } = require("@aws-sdk/client-s3");
  const ses = new SESv2Client({});
  const s3 = new S3Client({});
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
    writeJson: (bucket, key, body) =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(body), ContentType: "application/json" })),
  };
}

let handler;
exports.handler = (event) => (handler ??= makeHandler(awsDependencies()))(event);
exports.makeHandler = makeHandler;
exports.kstDay = kstDay;
