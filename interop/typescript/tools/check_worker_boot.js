#!/usr/bin/env node
"use strict";
// Checks the PROCESS-environment boot path without a runner: serves Provision, Fn API Control
// (with GetProcessBundleDescriptor) and Logging on one local port, starts worker_boot.js with the
// container-contract flags the way a runner would, and checks what the SDK worker does:
//   - GetProvisionInfo carries gRPC metadata worker_id=<id>;
//   - the Control stream opens with worker_id=<id>, the Logging stream opens too;
//   - a Register instruction is answered with an error (the SDK only fetches descriptors);
//   - a ProcessBundle for an unknown descriptor makes it call GetProcessBundleDescriptor, and the
//     NOT_FOUND it gets back comes back as that instruction's error;
//   - when the Control stream ends, worker_boot.js exits 0.
// Prints one line per check and "N passed, M failed"; exit code 1 on any failure.
//   node tools/check_worker_boot.js

const path = require("path");
const { spawn } = require("child_process");
const { grpc, definitionOf, bind } = require("./grpc_service");
const fnApi = require("apache-beam/proto/org/apache/beam/model/fn_execution/v1/beam_fn_api");
const provisionApi = require("apache-beam/proto/org/apache/beam/model/fn_execution/v1/beam_provision_api");
const { Struct } = require("apache-beam/proto/google/protobuf/struct");

const WORKER_ID = "worker-7";
const BOOT = path.resolve(__dirname, "..", "worker_boot.js");
const CAPTURE_MODULE = path.resolve(__dirname, "..", "lib", "capture.js");
const results = [];
const check = (ok, what, detail = "") => results.push({ ok, line: `${ok ? "PASS" : "FAIL"} ${what}${detail ? `: ${detail}` : ""}` });

const seen = { provisionWorkerId: undefined, controlWorkerId: undefined, loggingWorkerId: undefined, logEntries: 0, descriptorRequests: [] };
const responses = new Map();
let controlCall;
let controlOpened;
const controlReady = new Promise((resolve) => { controlOpened = resolve; });

const provision = {
  getProvisionInfo(call, callback) {
    seen.provisionWorkerId = call.metadata.get("worker_id")[0];
    callback(null, {
      info: {
        pipelineOptions: Struct.fromJson({ "beam:option:registered_node_modules:v1": ["apache-beam", CAPTURE_MODULE] }),
        retrievalToken: "",
        dependencies: [],
        runnerCapabilities: [],
        metadata: {},
        siblingWorkerIds: [],
      },
    });
  },
};

const control = {
  control(call) {
    controlCall = call;
    seen.controlWorkerId = call.metadata.get("worker_id")[0];
    call.on("data", (r) => responses.set(r.instructionId, r));
    call.on("error", () => {});
    controlOpened();
  },
  getProcessBundleDescriptor(call, callback) {
    seen.descriptorRequests.push(call.request.processBundleDescriptorId);
    callback({ code: grpc.status.NOT_FOUND, details: `no descriptor ${call.request.processBundleDescriptorId}` });
  },
};

const logging = {
  logging(call) {
    seen.loggingWorkerId = call.metadata.get("worker_id")[0];
    call.on("data", (list) => { seen.logEntries += list.logEntries.length; });
    call.on("error", () => {});
    call.on("end", () => call.end());
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

async function main() {
  const server = new grpc.Server();
  server.addService(definitionOf(provisionApi.ProvisionService), provision);
  server.addService(definitionOf(fnApi.BeamFnControl), control);
  server.addService(definitionOf(fnApi.BeamFnLogging), logging);
  const address = `localhost:${await bind(server, 0)}`;

  const boot = spawn(process.execPath, [BOOT, `--id=${WORKER_ID}`, `--provision_endpoint=${address}`,
    `--control_endpoint=${address}`, `--logging_endpoint=${address}`, `--artifact_endpoint=${address}`,
    "--semi_persist_dir=/tmp"], { stdio: ["ignore", "ignore", "pipe"] });
  let bootStderr = "";
  boot.stderr.on("data", (d) => { bootStderr += d; });
  const exited = new Promise((resolve) => boot.on("exit", (code) => resolve(code)));

  const opened = await Promise.race([controlReady.then(() => true), new Promise((r) => setTimeout(() => r(false), 20000))]);
  check(seen.provisionWorkerId === WORKER_ID, "GetProvisionInfo carries worker_id metadata", `got ${seen.provisionWorkerId}`);
  check(opened && seen.controlWorkerId === WORKER_ID, "Control stream opened with worker_id metadata", `got ${seen.controlWorkerId}`);
  if (!opened) return finish(server, boot, bootStderr);

  controlCall.write({ instructionId: "register-1", request: { oneofKind: "register", register: { processBundleDescriptor: [] } } });
  controlCall.write({ instructionId: "bundle-1", request: { oneofKind: "processBundle", processBundle: { processBundleDescriptorId: "missing-descriptor", cacheTokens: [], elements: undefined } } });
  await waitFor(() => responses.has("register-1") && responses.has("bundle-1"), 10000);

  const reg = responses.get("register-1");
  check(Boolean(reg && reg.error), "Register is answered with an error", reg ? JSON.stringify(reg.error.split("\n")[0]) : "no response");
  check(seen.descriptorRequests.includes("missing-descriptor"), "ProcessBundle triggers GetProcessBundleDescriptor", `requests ${JSON.stringify(seen.descriptorRequests)}`);
  const bundle = responses.get("bundle-1");
  check(Boolean(bundle && bundle.error.includes("NOT_FOUND")), "the descriptor's NOT_FOUND comes back as the instruction's error", bundle ? JSON.stringify(bundle.error) : "no response");
  await waitFor(() => seen.logEntries > 0, 5000);
  check(seen.loggingWorkerId === WORKER_ID && seen.logEntries > 0, "Logging stream opened with worker_id and sends entries", `worker_id ${seen.loggingWorkerId}, ${seen.logEntries} entries`);

  controlCall.end();
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("still running after 10 s"), 10000))]);
  check(code === 0, "worker_boot.js exits 0 when the Control stream ends", `exit ${code}`);
  return finish(server, boot, bootStderr);
}

function finish(server, boot, bootStderr) {
  if (boot.exitCode === null) boot.kill("SIGTERM");
  server.forceShutdown();
  for (const r of results) process.stdout.write(r.line + "\n");
  const failed = results.filter((r) => !r.ok).length;
  if (failed > 0 && bootStderr) process.stdout.write(`worker_boot.js stderr:\n${bootStderr}\n`);
  process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`check_worker_boot: ${e.stack || e}\n`);
  process.exit(1);
});
