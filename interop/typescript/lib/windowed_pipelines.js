"use strict";
// Interop pipelines with element timestamps and fixed, sliding and session windows.
// The entry shape is described in pipelines.js. All times are milliseconds.

const beam = require("apache-beam");
const { groupByKey, combinePerKey } = require("apache-beam/transforms/internal");
const combiners = require("apache-beam/transforms/combiners");
const { rec, recs, afterGbkIn, NO_FIRING, ON_TIME_ONLY } = require("./expect");
const { eventTime, seconds, sortedGroup, timestamped } = require("./helpers");

/** Drops the timestamp field: keeps the element small once its timestamp is in the metadata. */
const toKv = (e) => ({ key: e.k, value: e.t });

/**
 * Fixed 10 s windows over timestamped elements. `reshuffle`: whether create() ends in its reshuffle (as users
 * write it: elements then come out of a GroupByKey in its ON_TIME pane and are moved back in time) or not
 * (elements keep Impulse's NO_FIRING pane and only move forward).
 */
function fixedWindowsPipeline(name, reshuffle) {
  const born = reshuffle ? ON_TIME_ONLY : NO_FIRING;
  return {
    name,
    covers: reshuffle
      ? "element timestamps (incl. negative) moved back behind create()'s reshuffle, fixed 10 s windows, GBK and a combine per key and window"
      : "the same on the no-reshuffle path: create(events, false), elements only move forward from Impulse's timestamp",
    build(root, capture) {
      const events = timestamped(root, "events", [
        { k: "a", t: 1000 },
        { k: "a", t: 9999 },
        { k: "b", t: 5000 },
        { k: "a", t: 10000 },
        { k: "b", t: 25500 },
        // Negative, and on a window boundary: the SDK assigns fixed windows with a truncating
        // remainder, so any other negative time lands in the wrong window (an SDK bug, not tested).
        { k: "a", t: -10000 },
      ], reshuffle).apply(beam.windowInto(beam.fixedWindows(10)));
      capture(events, "assigned");

      const kvs = events.map(toKv);
      capture(kvs.apply(groupByKey()).map(sortedGroup), "grouped");
      capture(kvs.apply(beam.withName("countPerKey", combinePerKey(combiners.count))), "counted");
    },
    expected: [
      // assignTimestamps and windowInto keep the pane the element had: the reshuffle's, or Impulse's.
      rec("assigned", { k: "a", t: 1000 }, { window: [0, 10000], timestamp: 1000, pane: born }),
      rec("assigned", { k: "a", t: 9999 }, { window: [0, 10000], timestamp: 9999, pane: born }),
      rec("assigned", { k: "b", t: 5000 }, { window: [0, 10000], timestamp: 5000, pane: born }),
      rec("assigned", { k: "a", t: 10000 }, { window: [10000, 20000], timestamp: 10000, pane: born }),
      rec("assigned", { k: "b", t: 25500 }, { window: [20000, 30000], timestamp: 25500, pane: born }),
      rec("assigned", { k: "a", t: -10000 }, { window: [-10000, 0], timestamp: -10000, pane: born }),
      rec("grouped", { key: "a", value: [1000, 9999] }, afterGbkIn(0, 10000)),
      rec("grouped", { key: "b", value: [5000] }, afterGbkIn(0, 10000)),
      rec("grouped", { key: "a", value: [10000] }, afterGbkIn(10000, 20000)),
      rec("grouped", { key: "b", value: [25500] }, afterGbkIn(20000, 30000)),
      rec("grouped", { key: "a", value: [-10000] }, afterGbkIn(-10000, 0)),
      rec("counted", { key: "a", value: 2 }, afterGbkIn(0, 10000)),
      rec("counted", { key: "b", value: 1 }, afterGbkIn(0, 10000)),
      rec("counted", { key: "a", value: 1 }, afterGbkIn(10000, 20000)),
      rec("counted", { key: "b", value: 1 }, afterGbkIn(20000, 30000)),
      rec("counted", { key: "a", value: 1 }, afterGbkIn(-10000, 0)),
    ],
  };
}

const fixedWindows = fixedWindowsPipeline("fixed_windows", true);
const fixedWindowsNoReshuffle = fixedWindowsPipeline("fixed_windows_no_reshuffle", false);

const slidingWindows = {
  name: "sliding_windows",
  covers: "sliding windows (size 10 s, period 5 s): each element in two windows, GBK per window",
  build(root, capture) {
    const events = timestamped(root, "events", [
      { k: "s", t: 2000 },
      { k: "s", t: 7000 },
      { k: "s", t: 12000 },
    ]).apply(beam.windowInto(beam.slidingWindows(10, 5)));
    capture(events, "assigned");
    capture(events.map(toKv).apply(groupByKey()).map(sortedGroup), "grouped");
  },
  expected: [
    // One record per (element, window): the capture ParDo asks for the window, so the SDK explodes.
    // The pane is the one create()'s reshuffle gave each element.
    rec("assigned", { k: "s", t: 2000 }, { window: [-5000, 5000], timestamp: 2000, pane: ON_TIME_ONLY }),
    rec("assigned", { k: "s", t: 2000 }, { window: [0, 10000], timestamp: 2000, pane: ON_TIME_ONLY }),
    rec("assigned", { k: "s", t: 7000 }, { window: [0, 10000], timestamp: 7000, pane: ON_TIME_ONLY }),
    rec("assigned", { k: "s", t: 7000 }, { window: [5000, 15000], timestamp: 7000, pane: ON_TIME_ONLY }),
    rec("assigned", { k: "s", t: 12000 }, { window: [5000, 15000], timestamp: 12000, pane: ON_TIME_ONLY }),
    rec("assigned", { k: "s", t: 12000 }, { window: [10000, 20000], timestamp: 12000, pane: ON_TIME_ONLY }),
    rec("grouped", { key: "s", value: [2000] }, afterGbkIn(-5000, 5000)),
    rec("grouped", { key: "s", value: [2000, 7000] }, afterGbkIn(0, 10000)),
    rec("grouped", { key: "s", value: [7000, 12000] }, afterGbkIn(5000, 15000)),
    rec("grouped", { key: "s", value: [12000] }, afterGbkIn(10000, 20000)),
  ],
};

const sessionWindows = {
  name: "session_windows",
  covers: "session windows (gap 10 s): merging per key, a chain of three overlapping proto-sessions",
  directSkip: "the SDK's DirectRunner cannot merge windows",
  build(root, capture) {
    const events = timestamped(root, "events", [
      { k: "u1", t: 1000 },
      { k: "u1", t: 5000 },
      { k: "u1", t: 20000 },
      { k: "u2", t: 3000 },
      { k: "u2", t: 12000 },
      { k: "u2", t: 14000 },
      { k: "u3", t: -20000 },
    ]).apply(beam.windowInto(beam.sessions(10)));
    capture(events.map(toKv).apply(groupByKey()).map(sortedGroup), "grouped");
  },
  expected: [
    // u1: [1000,11000) and [5000,15000) merge into [1000,15000); [20000,30000) stays apart.
    rec("grouped", { key: "u1", value: [1000, 5000] }, afterGbkIn(1000, 15000)),
    rec("grouped", { key: "u1", value: [20000] }, afterGbkIn(20000, 30000)),
    // u2: [3000,13000), [12000,22000), [14000,24000) chain into one session [3000,24000).
    rec("grouped", { key: "u2", value: [3000, 12000, 14000] }, afterGbkIn(3000, 24000)),
    rec("grouped", { key: "u3", value: [-20000] }, afterGbkIn(-20000, -10000)),
  ],
};

/** Elements keep Impulse's timestamp until assignTimestamps; a one-element Create has no reshuffle. */
const timestampsOnly = {
  name: "element_timestamps",
  covers: "assignTimestamps on an Impulse-born element (NO_FIRING pane kept), timestamps carried through Map",
  build(root, capture) {
    const one = root
      .apply(beam.withName("one", beam.create([{ t: 123456 }])))
      .apply(beam.withName("one.stamp", beam.assignTimestamps(eventTime)));
    capture(one.map((e) => e.t + 1), "stamped");
  },
  expected: [rec("stamped", 123457, { window: "global", timestamp: 123456, pane: NO_FIRING })],
};

/** The SDK's own test "runs a WindowInto IntervalWindow" (test/primitives_test.js), with its exact transforms. */
const windowIntoIntervalWindow = {
  name: "window_into_interval_window",
  covers: "the SDK's own test 'runs a WindowInto IntervalWindow': create (with reshuffle), assignTimestamps t*1000, fixedWindows(10), groupBy one key",
  build(root, capture) {
    const grouped = root
      .apply(beam.create([1, 2, 3, 4, 5, 10, 11, 12]))
      .apply(beam.assignTimestamps(seconds))
      .apply(beam.windowInto(beam.fixedWindows(10)))
      .apply(beam.groupBy((e) => ""));
    capture(grouped.map(sortedGroup), "grouped");
  },
  expected: [
    rec("grouped", { key: "", value: [1, 2, 3, 4, 5] }, afterGbkIn(0, 10000)),
    rec("grouped", { key: "", value: [10, 11, 12] }, afterGbkIn(10000, 20000)),
  ],
};

module.exports = { pipelines: [fixedWindows, fixedWindowsNoReshuffle, slidingWindows, sessionWindows, timestampsOnly, windowIntoIntervalWindow] };
