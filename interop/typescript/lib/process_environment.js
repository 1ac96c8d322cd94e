"use strict";
// Rewrites a pipeline proto so its JavaScript environment runs as a PROCESS worker (beam:env:process:v1).

const path = require("path");
const runnerApi = require("apache-beam/proto/beam_runner_api");
const { TYPESCRIPT_DEFAULT_ENVIRONMENT_URN } = require("apache-beam/internal/environments");

/** Absolute path of the boot program the runner executes with the container-contract flags. */
const WORKER_BOOT = path.resolve(__dirname, "..", "worker_boot.js");

/**
 * Returns a copy of `proto` whose js_default environments are beam:env:process:v1 environments with
 * ProcessPayload{command: worker_boot.js}, keeping their capabilities and dependencies.
 */
function asProcessEnvironment(proto) {
  const copy = runnerApi.Pipeline.clone(proto);
  for (const [id, env] of Object.entries(copy.components.environments)) {
    if (env.urn !== TYPESCRIPT_DEFAULT_ENVIRONMENT_URN) continue;
    copy.components.environments[id] = {
      ...env,
      urn: "beam:env:process:v1",
      payload: runnerApi.ProcessPayload.toBinary({ os: "", arch: "", command: WORKER_BOOT, env: {} }),
    };
  }
  return copy;
}

module.exports = { asProcessEnvironment, WORKER_BOOT };
