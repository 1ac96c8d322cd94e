#!/usr/bin/env node
"use strict";
// Boot program for the TypeScript SDK worker in a beam:env:process:v1 environment.
//
// A runner starts it with the Fn API container-contract flags:
//   worker_boot.js --id=ID --provision_endpoint=HOST:PORT --control_endpoint=HOST:PORT
//                  --logging_endpoint=HOST:PORT --artifact_endpoint=HOST:PORT [--semi_persist_dir=DIR]
// ("--flag=value" or "--flag value"). It does what the SDK's container boot program does, minus
// installing staged npm packages (the worker runs from this folder's node_modules):
//   1. GetProvisionInfo (gRPC metadata worker_id=ID) for the pipeline options and, when the runner
//      fills them in, the control/logging endpoints and sibling worker ids;
//   2. loads the modules named in the option beam:option:registered_node_modules:v1 (the SDK's
//      worker_main.js does the same), sends console output to the logging endpoint, and starts one
//      SDK Worker per worker id (ID plus the sibling ids), all in this process;
//   3. exits 0 once every worker's control stream has ended (the runner closed it).
// The SDK's own entry point (worker_main.js, bin "apache-beam-worker") never exits by itself and
// exits 0 even when it fails to start, hence this program instead of pointing the runner at it.
//
// Exit codes: 0 control streams ended, 1 worker error, 2 bad flags, 3 provision failed.

const path = require("path");

const REQUIRED = ["id", "provision_endpoint"];
const KNOWN = ["id", "provision_endpoint", "control_endpoint", "logging_endpoint", "artifact_endpoint",
  "semi_persist_dir", "status_endpoint"];

function fail(code, message) {
  process.stderr.write(`worker_boot: ${message}\n`);
  process.exit(code);
}

/** Parses --name=value and --name value; unknown flags are reported, not fatal (runners add flags). */
function parseFlags(argv) {
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) fail(2, `unexpected argument "${arg}"`);
    const eq = arg.indexOf("=");
    let name;
    let value;
    if (eq >= 0) {
      name = arg.slice(2, eq);
      value = arg.slice(eq + 1);
    } else {
      name = arg.slice(2);
      value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) fail(2, `flag --${name} has no value`);
      i++;
    }
    if (!KNOWN.includes(name)) process.stderr.write(`worker_boot: ignoring unknown flag --${name}\n`);
    flags[name] = value;
  }
  for (const name of REQUIRED) if (!flags[name]) fail(2, `--${name} is required (container contract)`);
  return flags;
}

const flags = parseFlags(process.argv.slice(2));

// The SDK's generated gRPC client and the same @grpc/grpc-js it uses.
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("apache-beam"))] }));
const { ProvisionServiceClient } = require("apache-beam/proto/org/apache/beam/model/fn_execution/v1/beam_provision_api.grpc-client");
const { Struct } = require("apache-beam/proto/google/protobuf/struct");
require("apache-beam"); // first: the SDK's modules only load in the order its index imposes
const { Worker } = require("apache-beam/worker/worker");
const { createLoggingChannel } = require("apache-beam/worker/logging");

function provisionInfo() {
  return new Promise((resolve, reject) => {
    const client = new ProvisionServiceClient(flags.provision_endpoint, grpc.credentials.createInsecure());
    const metadata = new grpc.Metadata();
    metadata.add("worker_id", flags.id);
    client.getProvisionInfo({}, metadata, { deadline: Date.now() + 30000 }, (err, response) => {
      client.close();
      if (err) reject(err);
      else resolve(response.info || {});
    });
  });
}

/** Starts an SDK Worker; resolves when its control stream ends, rejects when it fails. */
function runWorker(workerId, controlUrl, options) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerId, { controlUrl }, options);
    worker.controlChannel.on("end", () => resolve());
    worker.controlChannel.on("error", (e) => reject(new Error(`worker ${workerId}: control stream failed: ${e.message}`)));
  });
}

async function main() {
  let info;
  try {
    info = await provisionInfo();
  } catch (e) {
    fail(3, `GetProvisionInfo at ${flags.provision_endpoint} failed: ${e.message}`);
  }
  const endpoints = {
    control: (info.controlEndpoint && info.controlEndpoint.url) || flags.control_endpoint,
    logging: (info.loggingEndpoint && info.loggingEndpoint.url) || flags.logging_endpoint,
  };
  if (!endpoints.control) fail(2, "no control endpoint: neither --control_endpoint nor ProvisionInfo.control_endpoint");
  let options = info.pipelineOptions ? Struct.toJson(info.pipelineOptions) : {};
  if (options.options) options = options.options; // some runners nest the options one level down
  const modules = options["beam:option:registered_node_modules:v1"] || options.registered_node_modules || [];
  for (const m of modules) {
    try {
      require(m);
    } catch (e) {
      fail(1, `cannot load module "${m}" named in registered_node_modules: ${e.message}`);
    }
  }
  if (endpoints.logging) {
    const pushLogs = createLoggingChannel(flags.id, endpoints.logging);
    pushLogs().catch((e) => process.stderr.write(`worker_boot: logging stream failed: ${e.message}\n`));
  }
  const ids = [flags.id, ...(info.siblingWorkerIds || [])];
  try {
    await Promise.all(ids.map((id) => runWorker(id, endpoints.control, options)));
  } catch (e) {
    fail(1, e.message);
  }
  // Give the logging stream a moment to send what is queued.
  setTimeout(() => process.exit(0), 300);
}

main();
