'use strict';
// Starts dynalite (a local DynamoDB, kept in memory) for the .NET tests: on 127.0.0.1, on the port given
// (0: one the OS hands out). Prints one JSON line {"port": N} once it listens, and stops when its standard
// input closes, so it never outlives the test process that started it.
//   node start-dynalite.js [port]
const dynalite = require('dynalite');

const [port = '0'] = process.argv.slice(2);
// Tables go ACTIVE at once: the tests do not exercise the CREATING state.
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });

server.on('error', error => {
  process.stderr.write(`dynalite did not start: ${error.message}\n`);
  process.exit(1);
});
server.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});

process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
