'use strict';
// Starts s3rver (a local S3) for the .NET tests: on 127.0.0.1, on the port given (0: one the OS hands
// out), with its data in the given directory. Prints one JSON line {"port": N} once it listens, and
// stops when its standard input closes, so it never outlives the test process that started it.
//   node start-s3rver.js <data directory> [port]
const S3rver = require('s3rver');

const [directory, port = '0'] = process.argv.slice(2);
if (!directory) {
  process.stderr.write('usage: node start-s3rver.js <data directory> [port]\n');
  process.exit(2);
}

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  directory,
  silent: true,
  resetOnClose: true,
  // Path-style only: the tests address buckets as /bucket/key on 127.0.0.1.
  vhostBuckets: false,
});

server.run().then(
  address => process.stdout.write(JSON.stringify({ port: address.port }) + '\n'),
  error => {
    process.stderr.write(`s3rver did not start: ${error.message}\n`);
    process.exit(1);
  },
);

process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
process.stdin.resume();
