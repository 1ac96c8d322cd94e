"use strict";
// The capture transform: a ParDo that hands every windowed value it sees to capture.record.

const beam = require("apache-beam");
const { record } = require("./capture");

/**
 * Returns capture(pcoll, tag): applies a ParDo named "capture(<tag>)" that appends every windowed value
 * of pcoll (value, window, timestamp, pane) to `file`.
 * @param {string} file absolute path of the capture file of this pipeline run
 */
function captureInto(file) {
  return function capture(pcoll, tag) {
    const doFn = {
      process: function (element, ctx) {
        record(file, tag, element, ctx.window.lookup(), ctx.timestamp.lookup(), ctx.pane.lookup());
      },
    };
    // Plain JavaScript: name what the function uses from outside (the SDK's TS transform would).
    doFn.process.__closure = () => ({ record, file, tag });
    pcoll.apply(
      beam.withName(
        `capture(${tag})`,
        beam.parDo(doFn, {
          window: beam.windowParam(),
          timestamp: beam.timestampParam(),
          pane: beam.paneInfoParam(),
        }),
      ),
    );
  };
}

module.exports = { captureInto };
