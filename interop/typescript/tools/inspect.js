#!/usr/bin/env node
"use strict";
// Prints what the interop pipelines would submit to a job server, without one:
//   node tools/inspect.js                 per pipeline: proto size, largest transform payload,
//                                         transform URNs, coder URNs, window fns, side-input patterns
//   node tools/inspect.js --json NAME     the pipeline proto of NAME as protobuf JSON (LOOPBACK form
//                                         except for the worker pool address, which is a placeholder)

const { parseArgs } = require("util");
for (const level of ["log", "info", "debug"]) console[level] = () => {};

const beam = require("apache-beam");
const { Pipeline } = require("apache-beam/internal/pipeline");
const runnerApi = require("apache-beam/proto/beam_runner_api");
const environments = require("apache-beam/internal/environments");
const { captureInto } = require("../lib/sink");
const allPipelines = require("../lib/pipelines");

const args = parseArgs({ options: { json: { type: "string" } } }).values;

async function protoOf(def) {
  const p = new Pipeline();
  await def.build(new beam.Root(p), captureInto("/tmp/inspect-capture.jsonl"));
  return p.getProto();
}

function summary(name, proto) {
  const bytes = runnerApi.Pipeline.toBinary(proto).length;
  let largest = { size: 0, id: "" };
  const transformUrns = new Set();
  const doFnUrns = new Set();
  const sidePatterns = new Set();
  for (const [id, t] of Object.entries(proto.components.transforms)) {
    if (t.spec && t.spec.urn) transformUrns.add(t.spec.urn);
    const size = t.spec && t.spec.payload ? t.spec.payload.length : 0;
    if (size > largest.size) largest = { size, id };
    if (t.spec && t.spec.urn === "beam:transform:pardo:v1") {
      const pardo = runnerApi.ParDoPayload.fromBinary(t.spec.payload);
      if (pardo.doFn) doFnUrns.add(pardo.doFn.urn);
      for (const si of Object.values(pardo.sideInputs)) {
        sidePatterns.add(`${si.accessPattern.urn} + ${si.windowMappingFn.urn}`);
      }
    }
  }
  const coderUrns = new Set(Object.values(proto.components.coders).map((c) => c.spec.urn));
  const windowFns = new Set(Object.values(proto.components.windowingStrategies).map((w) => w.windowFn.urn));
  return [
    `${name}: ${bytes} bytes, largest payload ${largest.size} bytes (${largest.id})`,
    `  transforms: ${[...transformUrns].sort().join(" ")}`,
    `  dofns:      ${[...doFnUrns].sort().join(" ")}`,
    `  coders:     ${[...coderUrns].sort().join(" ")}`,
    `  windowfns:  ${[...windowFns].sort().join(" ")}`,
    `  requirements: ${proto.requirements.join(" ") || "(none)"}`,
    ...(sidePatterns.size ? [`  side inputs: ${[...sidePatterns].sort().join("; ")}`] : []),
  ].join("\n");
}

(async () => {
  if (args.json) {
    const def = allPipelines.find((p) => p.name === args.json);
    if (!def) throw new Error(`unknown pipeline ${args.json}`);
    const proto = await protoOf(def);
    for (const [id, env] of Object.entries(proto.components.environments)) {
      if (env.urn === environments.TYPESCRIPT_DEFAULT_ENVIRONMENT_URN) {
        proto.components.environments[id] = environments.asExternalEnvironment(env, "localhost:<worker-pool-port>");
      }
    }
    process.stdout.write(JSON.stringify(runnerApi.Pipeline.toJson(proto), null, 2) + "\n");
    return;
  }
  for (const def of allPipelines) process.stdout.write(summary(def.name, await protoOf(def)) + "\n");
})().catch((e) => {
  process.stderr.write(`inspect.js: ${e.stack || e}\n`);
  process.exit(1);
});
