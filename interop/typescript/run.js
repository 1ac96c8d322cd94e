#!/usr/bin/env node
"use strict";
// Runs the interop pipelines (lib/pipelines.js) with the Apache Beam TypeScript SDK against a job
// server, checks every pipeline's output and metrics, and prints one line per pipeline and a final
// line "N passed, M failed". Exit code: 0 all passed, 1 a pipeline failed, 2 bad usage.
//
//   node run.js --endpoint HOST:PORT [--only NAME[,NAME...]] [--environment LOOPBACK|PROCESS]
//               [--timeout SECONDS] [--verbose] [--messages] [--list]
//   node run.js --runner direct [--only ...]      (the SDK's in-process DirectRunner, no job server)
//
// LOOPBACK: new PortableRunner({jobEndpoint, environmentType: "LOOPBACK"}); the SDK serves a worker
// pool (BeamFnExternalWorkerPool) in this process and the job's environment is beam:env:external:v1.
// PROCESS: the js_default environment is replaced by beam:env:process:v1 whose command is
// worker_boot.js; the runner starts it with the container-contract flags.

const fs = require("fs");
const os = require("os");
const path = require("path");
const { parseArgs } = require("util");

const USAGE =
  "usage: node run.js --endpoint HOST:PORT [--only NAME[,NAME...]] [--environment LOOPBACK|PROCESS]\n" +
  "                   [--timeout SECONDS] [--verbose] [--messages] [--list]\n" +
  "       node run.js --runner direct [--only NAME[,NAME...]]";

function usage(message) {
  process.stderr.write(`run.js: ${message}\n${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      endpoint: { type: "string" },
      only: { type: "string" },
      environment: { type: "string", default: "LOOPBACK" },
      runner: { type: "string", default: "portable" },
      timeout: { type: "string", default: "120" },
      verbose: { type: "boolean", default: false },
      messages: { type: "boolean", default: false },
      list: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  }).values;
} catch (e) {
  usage(e.message);
}
if (args.help) {
  process.stdout.write(USAGE + "\n");
  process.exit(0);
}

// The SDK (and its in-process worker) logs every instruction to the console. Keep that out of the
// driver's output: buffer it per pipeline and show the tail when the pipeline fails (all of it with
// --verbose, as it happens, on stderr).
const sdkLog = [];
const out = (line) => process.stdout.write(line + "\n");
for (const level of ["log", "info", "debug", "warn", "error", "trace"]) {
  console[level] = (...parts) => {
    const text = parts.map((p) => (typeof p === "string" ? p : require("util").inspect(p, { depth: 4 }))).join(" ");
    if (args.verbose) process.stderr.write(`[sdk ${level}] ${text}\n`);
    sdkLog.push(`[${level}] ${text}`);
    if (sdkLog.length > 2000) sdkLog.splice(0, sdkLog.length - 2000);
  };
}

const beam = require("apache-beam");
const { Pipeline } = require("apache-beam/internal/pipeline");
const { PortableRunner } = require("apache-beam/runners/portable_runner/runner");
const { directRunner } = require("apache-beam/runners/direct_runner");
const { JobState_Enum, JobMessage_MessageImportance } = require("apache-beam/proto/beam_job_api");
const { readCaptured } = require("./lib/capture");
const { captureInto } = require("./lib/sink");
const { diffRecords, diffMetrics } = require("./lib/expect");
const { asProcessEnvironment } = require("./lib/process_environment");
const allPipelines = require("./lib/pipelines");

if (args.list) {
  for (const p of allPipelines) out(`${p.name}\t${p.covers}`);
  process.exit(0);
}

const environment = args.environment.toUpperCase();
if (!["LOOPBACK", "PROCESS"].includes(environment)) usage(`--environment must be LOOPBACK or PROCESS, not "${args.environment}"`);
if (!["portable", "direct"].includes(args.runner)) usage(`--runner must be portable or direct, not "${args.runner}"`);
if (args.runner === "portable" && !args.endpoint) usage("--endpoint HOST:PORT is required (the job server's Job API address)");
if (args.runner === "portable" && !/^[^:\s]+:\d+$/.test(args.endpoint)) usage(`--endpoint must be HOST:PORT, not "${args.endpoint}"`);
const timeoutMs = Number(args.timeout) * 1000;
if (!(timeoutMs > 0)) usage(`--timeout must be a positive number of seconds, not "${args.timeout}"`);

let selected = allPipelines;
if (args.only) {
  const names = args.only.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const unknown = names.filter((n) => !allPipelines.some((p) => p.name === n));
  if (unknown.length > 0) usage(`unknown pipeline(s) ${unknown.join(", ")}; known: ${allPipelines.map((p) => p.name).join(", ")}`);
  selected = allPipelines.filter((p) => names.includes(p.name));
}

// An error the SDK raises outside any awaited call (e.g. a gRPC stream failing in its worker) is
// charged to the pipeline running at the time.
let strayErrors = [];
process.on("unhandledRejection", (reason) => strayErrors.push(`unhandled rejection: ${reason && reason.stack ? reason.stack : reason}`));
process.on("uncaughtException", (err) => strayErrors.push(`uncaught exception: ${err && err.stack ? err.stack : err}`));

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "beam-ts-interop-"));
const portable = args.runner === "portable"
  ? new PortableRunner({ jobEndpoint: args.endpoint, environmentType: environment })
  : undefined;

/** A failure the driver explains itself: printed without a stack trace. */
class PipelineFailure extends Error {}

/** Rejects with a PipelineFailure after `ms` unless `promise` settles first. */
function withDeadline(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new PipelineFailure(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function describeError(e) {
  if (e instanceof PipelineFailure) return e.message;
  if (e && e.name === "RpcError") {
    // The whole message: a runner lists every problem of a refused pipeline on the lines after the first.
    const lines = String(e.message).split("\n").filter((line) => line.trim() !== "");
    return [`gRPC ${e.code} from ${e.serviceName || "the job server"}/${e.methodName || "?"}: ${lines[0] || ""}`, ...lines.slice(1)].join("\n");
  }
  return `error: ${e && e.stack ? e.stack : e}`;
}

/** Builds the pipeline proto; the capture file is where its capture ParDos write. */
async function buildProto(def, captureFile) {
  const p = new Pipeline();
  await def.build(new beam.Root(p), captureInto(captureFile));
  return p.getProto();
}

/** Runs one pipeline to a terminal state; returns the PipelineResult, or throws with the reason. */
async function execute(def, proto) {
  if (!portable) {
    return directRunner().runPipeline(proto);
  }
  const submitted = environment === "PROCESS" ? asProcessEnvironment(proto) : proto;
  const result = await portable.runPipelineWithProto(submitted, { jobName: def.name });
  const state = await result.waitUntilFinish(timeoutMs);
  if (state !== JobState_Enum.DONE) {
    let detail = "";
    if (!isTerminal(state)) {
      detail = ` (still ${JobState_Enum[state]} after ${args.timeout} s; cancelling)`;
      await result.cancel().catch((e) => { detail += `; Cancel failed: ${e.message}`; });
    }
    const messages = await jobMessages(result.jobId);
    throw new PipelineFailure(`job ${result.jobId} ended in state ${JobState_Enum[state]}${detail}` +
      (messages.length ? `; job messages:\n      ${messages.join("\n      ")}` : ""));
  }
  return result;
}

function isTerminal(state) {
  return [JobState_Enum.DONE, JobState_Enum.FAILED, JobState_Enum.CANCELLED, JobState_Enum.UPDATED,
    JobState_Enum.DRAINED].includes(state);
}

/** The job's messages (GetMessageStream), read for at most 3 s, for a failure report. */
async function jobMessages(jobId) {
  const lines = [];
  try {
    const client = await portable.getClient();
    const call = client.getMessageStream({ jobId }, { timeout: 3000 });
    for await (const r of call.responses) {
      if (r.response.oneofKind === "messageResponse") {
        const m = r.response.messageResponse;
        lines.push(`${JobMessage_MessageImportance[m.importance] || m.importance} ${m.messageText}`);
      }
      if (lines.length >= 20) break;
    }
  } catch (e) {
    if (lines.length === 0) lines.push(`(GetMessageStream: ${e.message.split("\n")[0]})`);
  }
  return lines;
}

/** Checks captured output and metrics; returns the differences (empty when the pipeline passed). */
async function check(def, result, captureFile) {
  // The SDK's DirectRunner stamps every element with PaneInfo byte 0x09 (LATE, first, not last): an SDK
  // bug (it means "one and only firing"), so panes are compared only on a real runner.
  const diffs = diffRecords(def.expected, readCaptured(captureFile), !portable);
  if (def.counters) diffs.push(...diffMetrics("counter", def.counters, await result.counters()));
  if (def.distributions) diffs.push(...diffMetrics("distribution", def.distributions, await result.distributions()));
  return diffs;
}

async function main() {
  let passed = 0;
  let failed = 0;
  for (const def of selected) {
    if (!portable && def.directSkip) {
      out(`SKIP ${def.name}: ${def.directSkip}`);
      continue;
    }
    const started = Date.now();
    const captureFile = path.join(workDir, `${def.name}.jsonl`);
    sdkLog.length = 0;
    strayErrors = [];
    let problems;
    let jobId;
    try {
      const proto = await buildProto(def, captureFile);
      const result = await withDeadline(execute(def, proto), timeoutMs + 30000, "the job (submit, run, wait)");
      jobId = result.jobId;
      problems = await withDeadline(check(def, result, captureFile), 30000, "reading the job's metrics");
    } catch (e) {
      problems = [describeError(e)];
    }
    problems.push(...strayErrors);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (problems.length === 0) {
      passed++;
      out(`PASS ${def.name} (${seconds} s)`);
      // --messages: what the runner said about the job (e.g. its execution mode and any warnings).
      if (args.messages && portable && jobId) for (const line of await jobMessages(jobId)) out(`    ${line}`);
    } else {
      failed++;
      out(`FAIL ${def.name} (${seconds} s): ${problems.length} difference(s)`);
      for (const problem of problems.slice(0, 40)) out(`    ${String(problem).replace(/\n/g, "\n      ")}`);
      if (problems.length > 40) out(`    ... and ${problems.length - 40} more`);
      if (!args.verbose && sdkLog.length > 0) {
        out("    last SDK log lines:");
        for (const line of sdkLog.slice(-15)) out(`      ${line.slice(0, 400)}`);
      }
    }
  }
  if (passed + failed === 0) out("no pipeline ran (all selected pipelines were skipped)");
  out(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main()
  .then((code) => {
    fs.rmSync(workDir, { recursive: true, force: true });
    process.exit(code);
  })
  .catch((e) => {
    process.stderr.write(`run.js: ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  });
