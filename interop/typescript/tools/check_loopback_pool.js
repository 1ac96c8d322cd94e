#!/usr/bin/env node
"use strict";
// Checks the LOOPBACK worker pool the SDK's PortableRunner serves, the way a runner uses it: starts the
// SDK's ExternalWorkerPool, calls BeamFnExternalWorkerPool/StartWorker with a local Control endpoint,
// and checks that an SDK worker connects there with worker_id metadata and answers an instruction;
// then StopWorker must end that worker's Control stream.
// Prints one line per check and "N passed, M failed"; exit code 1 on any failure.
//   node tools/check_loopback_pool.js

for (const level of ["log", "info", "debug", "warn", "error"]) console[level] = () => {};
process.noDeprecation = true; // the SDK's pool calls grpc-js Server.start(), which only warns
require("apache-beam");
const { grpc, definitionOf, bind } = require("./grpc_service");
const fnApi = require("apache-beam/proto/org/apache/beam/model/fn_execution/v1/beam_fn_api");
const { BeamFnExternalWorkerPoolClient } = require("apache-beam/proto/org/apache/beam/model/fn_execution/v1/beam_fn_api.grpc-client");
const { ExternalWorkerPool } = require("apache-beam/worker/external_worker_service");

const WORKER_ID = "loopback-3";
const results = [];
const check = (ok, what, detail = "") => results.push({ ok, line: `${ok ? "PASS" : "FAIL"} ${what}${detail ? `: ${detail}` : ""}` });

let controlCall;
let controlWorkerId;
let controlEnded = false;
const responses = new Map();

const control = {
  control(call) {
    controlCall = call;
    controlWorkerId = call.metadata.get("worker_id")[0];
    call.on("data", (r) => responses.set(r.instructionId, r));
    call.on("end", () => { controlEnded = true; call.end(); });
    call.on("error", () => { controlEnded = true; });
  },
  getProcessBundleDescriptor(call, callback) {
    callback({ code: grpc.status.NOT_FOUND, details: "none" });
  },
};

function waitFor(predicate, ms) {
  return new Promise((resolve) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (predicate() || Date.now() - started > ms) {
        clearInterval(timer);
        resolve(predicate());
      }
    }, 50);
  });
}

function unary(client, method, request) {
  return new Promise((resolve, reject) => client[method](request, (err, response) => (err ? reject(err) : resolve(response))));
}

async function main() {
  const server = new grpc.Server();
  server.addService(definitionOf(fnApi.BeamFnControl), control);
  const controlUrl = `localhost:${await bind(server, 0)}`;

  const pool = new ExternalWorkerPool();
  const poolAddress = await pool.start();
  const client = new BeamFnExternalWorkerPoolClient(poolAddress, grpc.credentials.createInsecure());

  const started = await unary(client, "startWorker", {
    workerId: WORKER_ID,
    controlEndpoint: { url: controlUrl },
    loggingEndpoint: { url: "localhost:1" },
    artifactEndpoint: { url: "localhost:1" },
    provisionEndpoint: { url: "localhost:1" },
    params: {},
  }).catch((e) => ({ error: `RPC failed: ${e.message}` }));
  check(started.error === "", "StartWorker answers with an empty error", JSON.stringify(started.error));

  const connected = await waitFor(() => controlCall !== undefined, 10000);
  check(connected && controlWorkerId === WORKER_ID, "the worker opens Control with worker_id metadata", `got ${controlWorkerId}`);
  if (connected) {
    controlCall.write({ instructionId: "register-1", request: { oneofKind: "register", register: { processBundleDescriptor: [] } } });
    await waitFor(() => responses.has("register-1"), 5000);
    const r = responses.get("register-1");
    check(Boolean(r && r.error), "it answers instructions on that stream (Register: an error)", r ? JSON.stringify(r.error) : "no response");
  }

  const stopped = await unary(client, "stopWorker", { workerId: WORKER_ID }).catch((e) => ({ error: `RPC failed: ${e.message}` }));
  check(stopped.error === "", "StopWorker answers with an empty error", JSON.stringify(stopped.error));
  const ended = await waitFor(() => controlEnded, 5000);
  check(ended, "StopWorker ends the worker's Control stream");

  client.close();
  await pool.stop();
  server.forceShutdown();
  for (const r of results) process.stdout.write(r.line + "\n");
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`check_loopback_pool: ${e.stack || e}\n`);
  process.exit(1);
});
