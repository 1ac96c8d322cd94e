#!/usr/bin/env node
"use strict";
// A recording Job API server: it shows what the TypeScript SDK's PortableRunner sends, without
// running anything. Use it to see the client's call sequence and the pipeline protos it submits.
//
//   node tools/recording_job_server.js [--port 0] [--dump DIR] [--state FAILED|DONE] [--trailers-only]
//   (prints "listening on localhost:PORT"; then, in another shell:)
//   node run.js --endpoint localhost:PORT --only metrics
//
// It serves JobService and ArtifactStagingService on one port. Every call is logged on stdout, one
// line each. Prepare stores the pipeline (written to DIR/<job_name>.pipeline.json with --dump);
// Run returns a job id; GetState answers RUNNING once, then --state (default FAILED, so run.js
// reports the pipeline as failed with the job message "not executed"); GetMessageStream sends that
// message; GetJobMetrics answers no metrics. The staging stream is ended by this server after it has
// asked for every dependency of every environment (the SDK never closes that stream itself), after
// sending response headers; --trailers-only ends it without headers, which hangs the SDK client.

const fs = require("fs");
const path = require("path");
const { parseArgs } = require("util");
const { grpc, definitionOf, bind } = require("./grpc_service");
const jobApi = require("apache-beam/proto/org/apache/beam/model/job_management/v1/beam_job_api");
const artifactApi = require("apache-beam/proto/org/apache/beam/model/job_management/v1/beam_artifact_api");
const runnerApi = require("apache-beam/proto/beam_runner_api");
const { Struct } = require("apache-beam/proto/google/protobuf/struct");

const args = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    dump: { type: "string" },
    state: { type: "string", default: "FAILED" },
    "trailers-only": { type: "boolean", default: false },
  },
}).values;
const finalState = jobApi.JobState_Enum[args.state];
if (finalState === undefined) throw new Error(`--state: unknown JobState ${args.state}`);

const log = (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
const prepared = new Map(); // preparation id -> {name, pipeline}
const jobs = new Map(); // job id -> {name, polls}
let counter = 0;
let address;

function describeEnvironments(pipeline) {
  return Object.entries(pipeline.components.environments).map(([id, env]) => {
    let payload = "";
    if (env.urn === "beam:env:external:v1") payload = JSON.stringify(runnerApi.ExternalPayload.toJson(runnerApi.ExternalPayload.fromBinary(env.payload)));
    if (env.urn === "beam:env:process:v1") payload = JSON.stringify(runnerApi.ProcessPayload.toJson(runnerApi.ProcessPayload.fromBinary(env.payload)));
    return `${id}=${env.urn} ${payload} capabilities=[${env.capabilities.join(",")}] dependencies=${env.dependencies.length}`;
  }).join("; ");
}

const jobService = {
  prepare(call, callback) {
    const req = call.request;
    const id = `prep-${++counter}`;
    prepared.set(id, { name: req.jobName, pipeline: req.pipeline });
    const bytes = runnerApi.Pipeline.toBinary(req.pipeline).length;
    const options = req.pipelineOptions ? Struct.toJson(req.pipelineOptions) : {};
    log(`Prepare job_name=${req.jobName} pipeline=${bytes} bytes, ${Object.keys(req.pipeline.components.transforms).length} transforms`);
    log(`  environments: ${describeEnvironments(req.pipeline)}`);
    log(`  pipeline_options: ${JSON.stringify(options)}`);
    if (args.dump) {
      fs.mkdirSync(args.dump, { recursive: true });
      const file = path.join(args.dump, `${req.jobName || id}.pipeline.json`);
      fs.writeFileSync(file, JSON.stringify(runnerApi.Pipeline.toJson(req.pipeline), null, 2));
      fs.writeFileSync(path.join(args.dump, `${req.jobName || id}.options.json`), JSON.stringify(options, null, 2));
      log(`  written to ${file}`);
    }
    callback(null, {
      preparationId: id,
      artifactStagingEndpoint: { url: address, authentication: undefined },
      stagingSessionToken: `token-${id}`,
    });
  },
  run(call, callback) {
    const p = prepared.get(call.request.preparationId);
    if (!p) return callback({ code: grpc.status.NOT_FOUND, details: `unknown preparation ${call.request.preparationId}` });
    const jobId = `job-${++counter}`;
    jobs.set(jobId, { name: p.name, polls: 0 });
    log(`Run preparation_id=${call.request.preparationId} -> job_id=${jobId}`);
    callback(null, { jobId });
  },
  getState(call, callback) {
    const job = jobs.get(call.request.jobId);
    if (!job) return callback({ code: grpc.status.NOT_FOUND, details: `unknown job ${call.request.jobId}` });
    job.polls++;
    const state = job.polls === 1 ? jobApi.JobState_Enum.RUNNING : finalState;
    log(`GetState job_id=${call.request.jobId} (poll ${job.polls}) -> ${jobApi.JobState_Enum[state]}`);
    callback(null, { state, timestamp: undefined });
  },
  getJobMetrics(call, callback) {
    log(`GetJobMetrics job_id=${call.request.jobId} -> no metrics`);
    callback(null, { metrics: { attempted: [], committed: [] } });
  },
  getMessageStream(call) {
    log(`GetMessageStream job_id=${call.request.jobId}`);
    call.write({
      response: {
        oneofKind: "messageResponse",
        messageResponse: {
          messageId: "1",
          time: String(Date.now()),
          importance: jobApi.JobMessage_MessageImportance.JOB_MESSAGE_ERROR,
          messageText: "recording_job_server: pipelines are recorded, not executed",
        },
      },
    });
    call.end();
  },
  cancel(call, callback) {
    log(`Cancel job_id=${call.request.jobId}`);
    callback(null, { state: jobApi.JobState_Enum.CANCELLED });
  },
};
for (const name of ["getJobs", "getPipeline", "getStateStream", "describePipelineOptions"]) {
  jobService[name] = (call, callback) => {
    log(`${name} (unimplemented here)`);
    if (callback) callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} not recorded` });
    else call.destroy({ code: grpc.status.UNIMPLEMENTED, details: `${name} not recorded` });
  };
}

const stagingService = {
  reverseArtifactRetrievalService(call) {
    let token;
    call.on("data", (msg) => {
      const kind = msg.response.oneofKind;
      log(`ReverseArtifactRetrievalService <- staging_token=${msg.stagingToken} response=${kind || "(none: opening message)"} is_last=${msg.isLast}`);
      if (token !== undefined) return;
      token = msg.stagingToken;
      const p = prepared.get(token.replace(/^token-/, ""));
      const deps = p ? Object.values(p.pipeline.components.environments).flatMap((e) => e.dependencies) : [];
      if (deps.length > 0) {
        log(`ReverseArtifactRetrievalService -> resolve_artifact (${deps.length} artifacts)`);
        call.write({ stagingToken: token, request: { oneofKind: "resolveArtifact", resolveArtifact: { artifacts: deps, preferredUrns: [] } } });
      }
      // Send response headers before the status: on a trailers-only response the SDK's transport
      // (@protobuf-ts/grpc-transport) never resolves the call's headers, so `await call` hangs.
      if (!args["trailers-only"]) call.sendMetadata(new grpc.Metadata());
      log(`ReverseArtifactRetrievalService -> end of stream (server side closes it${args["trailers-only"] ? ", trailers-only" : ""})`);
      call.end();
    });
    call.on("end", () => log("ReverseArtifactRetrievalService: client closed its side"));
    call.on("error", (e) => log(`ReverseArtifactRetrievalService error: ${e.message}`));
  },
};
for (const name of ["putArtifact", "commitManifest", "getManifest", "getArtifact"]) {
  stagingService[name] = (call, callback) => (callback
    ? callback({ code: grpc.status.UNIMPLEMENTED, details: name })
    : call.destroy({ code: grpc.status.UNIMPLEMENTED, details: name }));
}

(async () => {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 256 * 1024 * 1024 });
  server.addService(definitionOf(jobApi.JobService), jobService);
  server.addService(definitionOf(artifactApi.ArtifactStagingService), stagingService);
  const port = await bind(server, Number(args.port));
  address = `localhost:${port}`;
  log(`listening on ${address}`);
})().catch((e) => {
  process.stderr.write(`recording_job_server: ${e.stack || e}\n`);
  process.exit(1);
});
