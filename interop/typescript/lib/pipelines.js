"use strict";
// All interop pipelines, in the order the driver runs them.
//
// Each entry: { name, covers, build(root, capture), expected, counters?, distributions?, directSkip? }
//   name       what --only selects and what the driver prints
//   covers     one line: the Beam features it exercises
//   build      constructs the pipeline; capture(pcoll, tag) records every windowed value of pcoll
//   expected   every record the capture points must produce (a multiset), with exact windows,
//              timestamps (ms, decimal strings) and panes: see expect.js
//   counters / distributions   user metrics the job must report through GetJobMetrics (committed)
//   directSkip why the SDK's own DirectRunner cannot run it (the portable runner still must)

module.exports = [
  ...require("./basic_pipelines").pipelines,
  ...require("./windowed_pipelines").pipelines,
  ...require("./side_input_pipelines").pipelines,
  ...require("./metrics_pipelines").pipelines,
];
