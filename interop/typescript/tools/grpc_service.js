"use strict";
// gRPC service definitions for @grpc/grpc-js built from the SDK's generated protobuf-ts ServiceTypes,
// so the tools can serve Beam services (Job API, artifact staging, provision, Fn API control/logging).

const path = require("path");

/** The @grpc/grpc-js instance the SDK itself uses. */
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("apache-beam"))] }));

/**
 * Converts a protobuf-ts ServiceType into a grpc-js ServiceDefinition whose handler names are the
 * method names with a lower-case first letter (Prepare -> prepare).
 */
function definitionOf(serviceType) {
  const definition = {};
  for (const m of serviceType.methods) {
    definition[m.name[0].toLowerCase() + m.name.slice(1)] = {
      path: `/${serviceType.typeName}/${m.name}`,
      requestStream: Boolean(m.clientStreaming),
      responseStream: Boolean(m.serverStreaming),
      requestSerialize: (msg) => Buffer.from(m.I.toBinary(m.I.create(msg))),
      requestDeserialize: (buf) => m.I.fromBinary(buf),
      responseSerialize: (msg) => Buffer.from(m.O.toBinary(m.O.create(msg))),
      responseDeserialize: (buf) => m.O.fromBinary(buf),
    };
  }
  return definition;
}

/** Binds `server` to localhost on `port` (0: a free one); resolves to the bound port. */
function bind(server, port) {
  return new Promise((resolve, reject) => {
    server.bindAsync(`localhost:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => {
      if (err) reject(err);
      else resolve(bound);
    });
  });
}

module.exports = { grpc, definitionOf, bind };
