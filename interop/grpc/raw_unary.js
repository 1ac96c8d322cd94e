// Makes one unary call with @grpc/grpc-js at its default limits, the request given as serialized bytes:
// node raw_unary.js HOST:PORT /package.Service/Method REQUEST_FILE
// Prints one JSON object: the status code name, the details (status message), and the grpc-status-details-bin
// trailer as base64 (empty when absent). Exits 0 whenever a status arrived, 1 when none did within 60 s.
'use strict';
const fs = require('node:fs');
const grpc = require('@grpc/grpc-js');

const [endpoint, method, requestFile] = process.argv.slice(2);
const request = fs.readFileSync(requestFile);
const client = new grpc.Client(endpoint, grpc.credentials.createInsecure());
const codeName = (code) => Object.keys(grpc.status).find((k) => grpc.status[k] === code);
const timer = setTimeout(() => {
  console.log(JSON.stringify({ code: 'NO_STATUS', details: 'no status within 60 s', detailsBin: '' }));
  process.exit(1);
}, 60_000);
client.makeUnaryRequest(method, (b) => b, (b) => b, request, (err) => {
  clearTimeout(timer);
  const trailer = err && err.metadata ? err.metadata.get('grpc-status-details-bin')[0] : undefined;
  console.log(JSON.stringify({
    code: err ? codeName(err.code) : 'OK',
    details: err ? err.details : '',
    detailsBin: trailer ? Buffer.from(trailer).toString('base64') : '',
  }));
  client.close();
  process.exit(0);
});
