"use strict";
// Seed 004's report generator, run by EventBridge Scheduler daily at 00:00 KST. It sums the
// previous KST day's orders (filed by the order notification job under ORDERS_PREFIX) into a
// sales report under REPORTS_PREFIX: JSON for machines and CSV for people.

function makeHandler(deps) {
  return async function handler(event) {
    const bucket = requiredEnv(deps.env, "ORDERS_BUCKET");
    const ordersPrefix = requiredEnv(deps.env, "ORDERS_PREFIX");
    const reportsPrefix = requiredEnv(deps.env, "REPORTS_PREFIX");
    // Scheduler passes the time the run was due, so a retried or late run reports the right day.
    const due = new Date(event.scheduledTime ?? deps.now().toISOString());
    const day = previousKstDay(due);

    const keys = await deps.listKeys(bucket, `${ordersPrefix}date=${day}/`);
    const orders = [];
    for (const key of keys) orders.push(await deps.readJson(bucket, key));
    const report = summarize(day, orders);

    await deps.write(bucket, `${reportsPrefix}daily/${day}.json`, JSON.stringify(report, null, 2), "application/json");
    await deps.write(bucket, `${reportsPrefix}daily/${day}.csv`, toCsv(report), "text/csv; charset=utf-8");
    deps.log({ level: "INFO", message: "daily report written", day, orders: report.orderCount });
    return { day, orderCount: report.orderCount };
  };
}

/** Orders of one day -> counts, revenue per currency, and items by quantity sold. */
function summarize(day, orders) {
  const revenue = {};
  const items = new Map();
  for (const order of orders) {
    revenue[order.currency] = (revenue[order.currency] ?? 0) + order.total;
    for (const item of order.items) {
      const entry = items.get(item.name) ?? { name: item.name, quantity: 0 };
      entry.quantity += item.quantity;
      items.set(item.name, entry);
    }
  }
  const topItems = [...items.values()].sort((a, b) => b.quantity - a.quantity || a.name.localeCompare(b.name));
  return { day, orderCount: orders.length, revenue, topItems };
}

function toCsv(report) {
  const quote = (text) => `"${String(text).replace(/"/g, '""')}"`;
  const rows = [["day", "orders", "currency", "revenue"]];
  for (const [currency, amount] of Object.entries(report.revenue)) rows.push([report.day, report.orderCount, currency, amount]);
  if (rows.length === 1) rows.push([report.day, 0, "", 0]);
  rows.push([], ["item", "quantity"]);
  for (const item of report.topItems) rows.push([quote(item.name), item.quantity]);
  return `${rows.map((r) => r.join(",")).join("\n")}\n`;
}

/** The KST calendar day before `date` (00:00 KST runs report on the day that just ended). */
function previousKstDay(date) {
  return new Date(date.getTime() + 9 * 3600 * 1000 - 24 * 3600 * 1000).toISOString().slice(0, 10);
}

function requiredEnv(env, name) {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function awsDependencies() {
  const { S3Client, GetObjectCommand, PutObjectCommand, ListObjectsV2Command } = require("@aws-sdk/client-s3");
  const s3 = new S3Client({});
  return {
    env: process.env,
    now: () => new Date(),
    log: (entry) => console.log(JSON.stringify(entry)),
    listKeys: async (bucket, prefix) => {
      const keys = [];
      let token;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) keys.push(object.Key);
        token = page.NextContinuationToken;
      } while (token);
      return keys;
    },
    readJson: async (bucket, key) => JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body.transformToString()),
    write: (bucket, key, body, contentType) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType })),
  };
}

let handler;
exports.handler = (event) => (handler ??= makeHandler(awsDependencies()))(event);
exports.makeHandler = makeHandler;
exports.summarize = summarize;
exports.previousKstDay = previousKstDay;
