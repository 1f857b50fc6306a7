"use strict";
// A small Redis client over TLS with AUTH (ElastiCache with in-transit encryption), following
// MOVED redirections so the same code works with cluster mode on (prod) and off (dev).
const tls = require("tls");
const { encodeCommand, parseReply, ReplyError } = require("./resp");

class Connection {
  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.waiting = [];
    socket.on("data", (chunk) => this.onData(chunk));
    socket.on("error", (error) => this.failAll(error));
    socket.on("close", () => this.failAll(new Error("redis: connection closed")));
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const reply = parseReply(this.buffer);
      if (!reply) return;
      this.buffer = this.buffer.subarray(reply.next);
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(reply.value);
    }
  }

  failAll(error) {
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }

  send(args) {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.socket.write(encodeCommand(args));
    });
  }

  close() {
    this.socket.end();
  }
}

function defaultConnect(host, port) {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, servername: host }, () => resolve(new Connection(socket)));
    socket.once("error", reject);
  });
}

class RedisClient {
  /** `connect(host, port)` resolves to an object with send(args) and close(); TLS by default. */
  constructor({ host, port, password, connect = defaultConnect, maxRedirects = 5 }) {
    this.seed = { host, port };
    this.password = password;
    this.connect = connect;
    this.maxRedirects = maxRedirects;
    this.nodes = new Map();
  }

  async node(host, port) {
    const key = `${host}:${port}`;
    let pending = this.nodes.get(key);
    if (!pending) {
      pending = (async () => {
        const connection = await this.connect(host, port);
        if (this.password) {
          const reply = await connection.send(["AUTH", this.password]);
          if (reply instanceof ReplyError) throw new Error(`redis: AUTH failed: ${reply.message}`);
        }
        return connection;
      })();
      this.nodes.set(key, pending);
    }
    return pending;
  }

  /** Sends a command, following `MOVED <slot> <host>:<port>` to the node that owns the key. */
  async command(args) {
    let { host, port } = this.seed;
    for (let hop = 0; hop <= this.maxRedirects; hop++) {
      const reply = await (await this.node(host, port)).send(args);
      if (!(reply instanceof ReplyError)) return reply;
      const moved = /^MOVED \d+ (.+):(\d+)$/.exec(reply.message);
      if (!moved) throw new Error(`redis: ${args[0]} failed: ${reply.message}`);
      [host, port] = [moved[1], Number(moved[2])];
    }
    throw new Error(`redis: ${args[0]} redirected more than ${this.maxRedirects} times`);
  }

  async close() {
    for (const pending of this.nodes.values()) (await pending).close();
    this.nodes.clear();
  }
}

module.exports = { RedisClient, Connection };
