// The independent check of input event-stream signing for the .NET tests: frames are read with
// @smithy/eventstream-codec (pinned in package-lock.json), signatures recomputed with node's own crypto.
// Reads one JSON request on stdin, writes one JSON answer on stdout:
//   {"secret","region","service","seed":"<hex>","frames":["<base64 envelope frame>"]}
//   -> {"frames":[{"date":"<ms>","signature":"<hex sent>","expected":"<hex recomputed>","stringToSign","payload":"<base64>",
//                  "inner":{"headers":[{"name","type","value"}],"body":"<base64>"} | null}]}
// The chain: the first frame's prior signature is the seed, every later frame's the signature recomputed for the
// frame before it (so one wrong signature shows in every frame after it too).
// Per frame: AWS4-HMAC-SHA256-PAYLOAD \n amz-date \n scope \n prior \n sha256(encoded :date header) \n sha256(payload).
"use strict";
const crypto = require("crypto");
const { EventStreamCodec } = require("@smithy/eventstream-codec");
const { toUtf8, fromUtf8 } = require("@smithy/util-utf8");

const codec = new EventStreamCodec(toUtf8, fromUtf8);

const hmac = (key, text) => crypto.createHmac("sha256", key).update(text, typeof text === "string" ? "utf8" : undefined).digest();
const sha256Hex = (bytes) => crypto.createHash("sha256").update(bytes).digest("hex");

function signingKey(secret, day, region, service) {
  return hmac(hmac(hmac(hmac("AWS4" + secret, day), region), service), "aws4_request");
}

// The :date header alone as the frame's header block: encode a message that holds only it, and cut the prelude
// (12 bytes) and the message CRC (4 bytes) away.
function dateHeaderBytes(date) {
  const frame = codec.encode({ headers: { ":date": { type: "timestamp", value: date } }, body: new Uint8Array(0) });
  return Buffer.from(frame).subarray(12, frame.length - 4);
}

function headerList(headers) {
  return Object.entries(headers).map(([name, { type, value }]) => {
    switch (type) {
      case "timestamp":
        return { name, type, value: String(value.getTime()) };
      case "binary":
        return { name, type, value: Buffer.from(value).toString("base64") };
      case "long":
        return { name, type, value: value.toString() };
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
  let prior = request.seed;
  const frames = request.frames.map((encoded) => {
    const message = codec.decode(new Uint8Array(Buffer.from(encoded, "base64")));
    const date = message.headers[":date"].value;
    const sent = Buffer.from(message.headers[":chunk-signature"].value).toString("hex");
    const amzDate = date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
    const day = amzDate.slice(0, 8);
    const scope = `${day}/${request.region}/${request.service}/aws4_request`;
    const stringToSign = ["AWS4-HMAC-SHA256-PAYLOAD", amzDate, scope, prior, sha256Hex(dateHeaderBytes(date)), sha256Hex(message.body)].join("\n");
    const expected = hmac(signingKey(request.secret, day, request.region, request.service), stringToSign).toString("hex");
    prior = expected;
    let inner = null;
    if (message.body.length > 0) {
      const decoded = codec.decode(message.body);
      inner = { headers: headerList(decoded.headers), body: Buffer.from(decoded.body).toString("base64") };
    }
    return {
      date: String(date.getTime()),
      signature: sent,
      expected,
      stringToSign,
      payload: Buffer.from(message.body).toString("base64"),
      inner,
      headerNames: Object.keys(message.headers),
    };
  });
  process.stdout.write(JSON.stringify({ frames }));
});
