// The independent event-stream codec for the .NET tests: @smithy/eventstream-codec (pinned in package-lock.json).
// Reads one JSON request on stdin, writes one JSON answer on stdout:
//   {"mode":"encode","messages":[{"headers":[{"name","type","value"}],"body":"<base64>"}]} -> {"frames":["<base64>"]}
//   {"mode":"decode","frames":["<base64>"]} -> {"messages":[...same form as encode...]} (a frame that fails: {"error":"..."})
// Header values in JSON: boolean as true/false, byte/short/integer as numbers, long and timestamp (ms) as
// decimal strings, binary as base64, string as text, uuid as its canonical text.
"use strict";
const { EventStreamCodec, Int64 } = require("@smithy/eventstream-codec");
const { toUtf8, fromUtf8 } = require("@smithy/util-utf8");

const codec = new EventStreamCodec(toUtf8, fromUtf8);

function int64Bytes(decimal) {
  let value = BigInt.asUintN(64, BigInt(decimal));
  const bytes = new Uint8Array(8);
  for (let i = 7; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}

function int64Decimal(bytes) {
  let value = 0n;
  for (const b of bytes) {
    value = (value << 8n) | BigInt(b);
  }
  return BigInt.asIntN(64, value).toString();
}

function toHeaders(list) {
  const headers = {};
  for (const { name, type, value } of list) {
    switch (type) {
      case "long":
        headers[name] = { type, value: new Int64(int64Bytes(value)) };
        break;
      case "timestamp":
        headers[name] = { type, value: new Date(Number(value)) };
        break;
      case "binary":
        headers[name] = { type, value: new Uint8Array(Buffer.from(value, "base64")) };
        break;
      default:
        headers[name] = { type, value };
    }
  }
  return headers;
}

function fromHeaders(headers) {
  return Object.entries(headers).map(([name, { type, value }]) => {
    switch (type) {
      case "long":
        return { name, type, value: int64Decimal(value.bytes) };
      case "timestamp":
        return { name, type, value: String(value.getTime()) };
      case "binary":
        return { name, type, value: Buffer.from(value).toString("base64") };
      default:
        return { name, type, value };
    }
  });
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  let answer;
  if (request.mode === "encode") {
    answer = {
      frames: request.messages.map((m) =>
        Buffer.from(codec.encode({ headers: toHeaders(m.headers), body: new Uint8Array(Buffer.from(m.body, "base64")) })).toString("base64"),
      ),
    };
  } else {
    answer = {
      messages: request.frames.map((f) => {
        try {
          const m = codec.decode(new Uint8Array(Buffer.from(f, "base64")));
          return { headers: fromHeaders(m.headers), body: Buffer.from(m.body).toString("base64") };
        } catch (e) {
          return { error: String(e && e.message) };
        }
      }),
    };
  }
  process.stdout.write(JSON.stringify(answer));
});
