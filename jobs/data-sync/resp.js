"use strict";
// The Redis protocol (RESP2), enough for commands and their replies: the Lambda runtime has no
// Redis client, and the job should not ship one for four commands.

/** A command as a RESP array of bulk strings. */
function encodeCommand(args) {
  const parts = [`*${args.length}\r\n`];
  for (const arg of args) {
    const text = String(arg);
    parts.push(`$${Buffer.byteLength(text)}\r\n${text}\r\n`);
  }
  return Buffer.from(parts.join(""));
}

class ReplyError extends Error {}

/**
 * Parses one reply from `buffer` at `offset`. Returns { value, next } or undefined when the
 * buffer does not hold a whole reply yet. Error replies become ReplyError values.
 */
function parseReply(buffer, offset = 0) {
  if (offset >= buffer.length) return undefined;
  const lineEnd = buffer.indexOf("\r\n", offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[offset]);
  const line = buffer.toString("utf8", offset + 1, lineEnd);
  const after = lineEnd + 2;
  switch (type) {
    case "+":
      return { value: line, next: after };
    case "-":
      return { value: new ReplyError(line), next: after };
    case ":":
      return { value: Number(line), next: after };
    case "$": {
      const length = Number(line);
      if (length < 0) return { value: null, next: after };
      if (buffer.length < after + length + 2) return undefined;
      return { value: buffer.toString("utf8", after, after + length), next: after + length + 2 };
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return { value: null, next: after };
      const items = [];
      let next = after;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, next);
        if (!item) return undefined;
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      throw new Error(`redis: unexpected reply type '${type}'`);
  }
}

module.exports = { encodeCommand, parseReply, ReplyError };
