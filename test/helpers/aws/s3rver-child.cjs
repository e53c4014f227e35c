// Runs s3rver (a real S3-compatible server) in its own process for test/helpers/aws/s3-endpoint.ts.
// It is a child process because s3rver's ListObjectsV2 continuation tokens use DES, which Node's
// OpenSSL 3 only allows with --openssl-legacy-provider; that flag stays out of the test process.
// argv[2]: JSON { directory }.
// Prints one JSON line { port } when listening; on SIGTERM or when stdin closes (the parent went
// away, perhaps before this process finished starting) it stops and removes the store directory.
'use strict';

const { rmSync } = require('node:fs');

const { directory } = JSON.parse(process.argv[2] || '{}');
let server;
let stopping = false;

// The store goes with the server, so a spare the parent never used leaves nothing behind.
function stop() {
  if (stopping) return;
  stopping = true;
  const exit = () => {
    rmSync(directory, { recursive: true, force: true });
    process.exit(0);
  };
  if (server && server.httpServer) server.close().then(exit, exit);
  else exit();
}

process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdout.on('error', stop); // EPIPE: the parent is gone
process.on('SIGTERM', stop);
process.stdin.resume();

async function main() {
  const S3rver = require('s3rver');
  const AWSAccount = require('s3rver/lib/models/account');
  // s3rver never verifies SigV4 signatures but refuses access key ids it does not know; let any
  // key in, so tests can sign with whatever credentials the code under test uses.
  AWSAccount.registry.get = () => AWSAccount.DUMMY_ACCOUNT;
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
  });
  const { port } = await server.run();
  if (stopping) return;
  process.stdout.write(JSON.stringify({ port }) + '\n');
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  rmSync(directory, { recursive: true, force: true });
  process.exit(1);
});
