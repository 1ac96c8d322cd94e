"use strict";
// Interop pipelines with side inputs: singleton and iterable, global and windowed.
// The entry shape is described in pipelines.js. All times are milliseconds.
//
// The SDK reads every side input with the beam:side_input:iterable:v1 access pattern (StateKey
// IterableSideInput{transform_id, side_input_id, window}); a "singleton" is the SDK taking the one
// element of that iterable. The window mapping is beam:window_mapping_fn:global:v1 when the side
// input is globally windowed and beam:window_mapping_fn:identity:v1 when it has the main input's
// windowing strategy.

const beam = require("apache-beam");
const combiners = require("apache-beam/transforms/combiners");
const { rec, recs, AFTER_GLOBAL_GBK, AT_IMPULSE, NO_FIRING, ON_TIME_ONLY } = require("./expect");
const { timestamped } = require("./helpers");
const { singleton, arraySideInput } = require("./side_inputs");

/** Sorted, comma-joined contents of an iterable side input. */
function joined(iterable) {
  return [...iterable].map(String).sort().join(",");
}

const globalSideInputs = {
  name: "side_inputs_global",
  covers: "singleton side input (one-element Create and a global combine), iterable side input, both in the GlobalWindow",
  build(root, capture) {
    const main = root.apply(beam.withName("main", beam.create([1, 2, 3])));
    const factor = root.apply(beam.withName("factor", beam.create([10])));
    const letters = root.apply(beam.withName("letters", beam.create(["z", "x", "y"])));
    const total = main.apply(beam.withName("total", beam.groupGlobally().combining((x) => x, combiners.sum, "sum")));

    capture(
      main.map(beam.withName("scale", (x, ctx) => x * ctx.factor.lookup()), {
        factor: singleton(factor),
      }),
      "singleton",
    );

    const withLetters = (x, ctx) => `${x}:${joined(ctx.letters.lookup())}`;
    withLetters.__closure = () => ({ joined });
    capture(main.map(beam.withName("letters", withLetters), { letters: arraySideInput(letters) }), "iterable");

    capture(
      main.map(beam.withName("share", (x, ctx) => `${x}/${ctx.total.lookup().sum}`), {
        total: singleton(total),
      }),
      "computed",
    );
  },
  expected: [
    ...recs("singleton", [10, 20, 30], AFTER_GLOBAL_GBK),
    ...recs("iterable", ["1:x,y,z", "2:x,y,z", "3:x,y,z"], AFTER_GLOBAL_GBK),
    ...recs("computed", ["1/6", "2/6", "3/6"], AFTER_GLOBAL_GBK),
  ],
};

const windowedSideInputs = {
  name: "side_inputs_windowed",
  covers: "singleton and iterable side inputs in fixed 10 s windows (identity window mapping), a window with no side value",
  build(root, capture) {
    const main = timestamped(root, "main", [
      { v: 1, t: 1000 },
      { v: 2, t: 12000 },
      { v: 3, t: 15000 },
      { v: 4, t: 21000 },
    ]).apply(beam.withName("main.window", beam.windowInto(beam.fixedWindows(10))));
    const side = timestamped(root, "side", [
      { v: 100, t: 2000 },
      { v: 200, t: 8000 },
      { v: 300, t: 11000 },
      { v: 5, t: 19999 },
    ]).apply(beam.withName("side.window", beam.windowInto(beam.fixedWindows(10))))
      .map(beam.withName("side.value", (e) => e.v));
    const sums = side.apply(beam.withName("sidePerWindow", beam.groupGlobally().combining((x) => x, combiners.sum, "sum")));

    const withSum = (e, ctx) => `${e.v}:${ctx.sum.lookup().sum}`;
    // Window [20000, 30000) has no side value: the main element there would fail the lookup, so the
    // singleton pipeline reads only the first two windows; the iterable one reads all three.
    capture(
      main
        .flatMap(beam.withName("beforeT20000", (e) => (e.t < 20000 ? [e] : [])))
        .map(beam.withName("withSum", withSum), { sum: singleton(sums) }),
      "singleton",
    );

    const withValues = (e, ctx) => `${e.v}:[${joined(ctx.values.lookup())}]`;
    withValues.__closure = () => ({ joined });
    capture(main.map(beam.withName("withValues", withValues), { values: arraySideInput(side) }), "iterable");
  },
  // Main elements come out of create()'s reshuffle: its ON_TIME pane stays with them.
  expected: [
    rec("singleton", "1:300", { window: [0, 10000], timestamp: 1000, pane: ON_TIME_ONLY }),
    rec("singleton", "2:305", { window: [10000, 20000], timestamp: 12000, pane: ON_TIME_ONLY }),
    rec("singleton", "3:305", { window: [10000, 20000], timestamp: 15000, pane: ON_TIME_ONLY }),
    rec("iterable", "1:[100,200]", { window: [0, 10000], timestamp: 1000, pane: ON_TIME_ONLY }),
    rec("iterable", "2:[300,5]", { window: [10000, 20000], timestamp: 12000, pane: ON_TIME_ONLY }),
    rec("iterable", "3:[300,5]", { window: [10000, 20000], timestamp: 15000, pane: ON_TIME_ONLY }),
    rec("iterable", "4:[]", { window: [20000, 30000], timestamp: 21000, pane: ON_TIME_ONLY }),
  ],
};

/** The SDK's singletonSideInput exactly as a user writes it: its payload carries the pipeline object. */
const sdkSingleton = {
  name: "side_input_sdk_accessor",
  covers: "the SDK singletonSideInput as users write it: its ParDo payload carries the serialized pipeline object (~47 KB)",
  build(root, capture) {
    const main = root.apply(beam.withName("main", beam.create([7])));
    const side = root.apply(beam.withName("side", beam.create(["s"])));
    capture(main.map((x, ctx) => `${x}${ctx.side.lookup()}`, { side: beam.singletonSideInput(side) }), "joined");
  },
  expected: [rec("joined", "7s", AT_IMPULSE)],
};

module.exports = { pipelines: [globalSideInputs, windowedSideInputs, sdkSingleton] };
