'use strict';
// Serves interop.Echo over grpc-js on a free port of 127.0.0.1 and prints "PORT <n>".
const grpc = require('@grpc/grpc-js');
const { definition, implementation } = require('./echo-service');

const server = new grpc.Server();
server.addService(definition, implementation());
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    console.error(err);
    process.exit(1);
  }
  console.log(`PORT ${port}`);
});
process.on('SIGTERM', () => server.forceShutdown());
