"use strict";
// Interop pipelines without windowing: Create/Map/FlatMap, GroupByKey, Combine, Flatten, multiple
// outputs. The entry shape is described in pipelines.js.

const beam = require("apache-beam");
const { groupByKey, combinePerKey } = require("apache-beam/transforms/internal");
const combiners = require("apache-beam/transforms/combiners");
const {
  rec, recs, AFTER_GLOBAL_GBK, AT_IMPULSE,
} = require("./expect");
const { sortedGroup } = require("./helpers");

// ---- the pipelines ----

const createMapFlatMap = {
  name: "create_map_flatmap",
  covers: "Create (with its reshuffle GBK and without), Map, FlatMap, a map with a context argument",
  build(root, capture) {
    const words = root
      .apply(beam.withName("lines", beam.create(["the quick", "brown fox", ""])))
      .flatMap((line) => line.split(" ").filter((w) => w.length > 0))
      .map((w) => `${w.toUpperCase()}:${w.length}`);
    capture(words, "words");

    // One element: Create skips its reshuffle, so the element keeps Impulse's timestamp and pane.
    const single = root
      .apply(beam.withName("single", beam.create([21])))
      .map((x, offset) => x * 2 + offset, 0);
    capture(single, "single");
  },
  expected: [
    ...recs("words", ["THE:3", "QUICK:5", "BROWN:5", "FOX:3"], AFTER_GLOBAL_GBK),
    rec("single", 42, AT_IMPULSE),
  ],
};

const gbkMixedKeys = {
  name: "gbk_mixed_keys",
  covers: "GroupByKey with keys of different JS types: strings, ints, a float, booleans, null, array, object",
  build(root, capture) {
    const grouped = root
      .apply(beam.create([
        { key: "k", value: 2 },
        { key: "k", value: 1 },
        { key: 1, value: "n1" },
        { key: "1", value: "s1" },
        { key: 1, value: "n2" },
        { key: 1.5, value: "f" },
        { key: -3, value: "neg" },
        { key: true, value: "t" },
        { key: false, value: "f0" },
        { key: null, value: "z" },
        { key: "", value: "empty" },
        { key: [1, "x"], value: "a1" },
        { key: [1, "x"], value: "a2" },
        { key: { id: 7, name: "o" }, value: "o1" },
        { key: { id: 7, name: "o" }, value: "o2" },
      ]))
      .apply(groupByKey())
      .map(sortedGroup);
    capture(grouped, "grouped");
  },
  expected: recs("grouped", [
    { key: "k", value: [1, 2] },
    { key: 1, value: ["n1", "n2"] },
    { key: "1", value: ["s1"] },
    { key: 1.5, value: ["f"] },
    { key: -3, value: ["neg"] },
    { key: true, value: ["t"] },
    { key: false, value: ["f0"] },
    { key: null, value: ["z"] },
    { key: "", value: ["empty"] },
    { key: [1, "x"], value: ["a1", "a2"] },
    { key: { id: 7, name: "o" }, value: ["o1", "o2"] },
  ], AFTER_GLOBAL_GBK),
};

/** A CombineFn with a non-trivial accumulator: sorted, comma-joined distinct inputs. */
const distinctJoin = {
  createAccumulator: () => [],
  addInput: (acc, x) => (acc.includes(x) ? acc : [...acc, x]),
  mergeAccumulators: (accs) => {
    const out = [];
    for (const acc of accs) for (const x of acc) if (!out.includes(x)) out.push(x);
    return out;
  },
  extractOutput: (acc) => [...acc].sort().join(","),
};

const combinePerKeyPipeline = {
  name: "combine_per_key",
  covers: "combinePerKey (the liftable combine_per_key composite), groupBy().combining() with several CombineFns, a custom CombineFn",
  build(root, capture) {
    const kvs = root.apply(beam.create([
      { key: "a", value: 1 }, { key: "b", value: 10 }, { key: "a", value: 2 },
      { key: "a", value: 3 }, { key: "c", value: -4 }, { key: "b", value: 10 },
    ]));
    capture(kvs.apply(beam.withName("sumPerKey", combinePerKey(combiners.sum))), "sum");
    capture(kvs.apply(beam.withName("distinctPerKey", combinePerKey(distinctJoin))), "distinct");

    const stats = kvs
      .map((kv) => ({ k: kv.key, v: kv.value }))
      .apply(beam.groupBy("k")
        .combining("v", combiners.max, "max")
        .combining("v", combiners.min, "min")
        .combining("v", combiners.mean, "mean")
        .combining("v", combiners.count, "n"));
    capture(stats, "stats");
  },
  expected: [
    ...recs("sum", [{ key: "a", value: 6 }, { key: "b", value: 20 }, { key: "c", value: -4 }], AFTER_GLOBAL_GBK),
    ...recs("distinct", [{ key: "a", value: "1,2,3" }, { key: "b", value: "10" }, { key: "c", value: "-4" }], AFTER_GLOBAL_GBK),
    ...recs("stats", [
      { k: "a", max: 3, min: 1, mean: 2, n: 3 },
      { k: "b", max: 10, min: 10, mean: 10, n: 2 },
      { k: "c", max: -4, min: -4, mean: -4, n: 1 },
    ], AFTER_GLOBAL_GBK),
  ],
};

const combineGlobally = {
  name: "combine_globally",
  covers: "groupGlobally().combining() with two CombineFns, countGlobally, everything grouped under one key",
  build(root, capture) {
    const nums = root.apply(beam.create([5, 1, 4, 2, 3]));
    capture(nums.apply(beam.withName("totals", beam.groupGlobally()
      .combining((x) => x, combiners.sum, "total")
      .combining((x) => x, combiners.max, "largest"))), "totals");
    capture(nums.apply(beam.withName("count", beam.countGlobally())), "count");
    // (Bare groupGlobally() is broken in 2.49.0: it maps the grouped KV to kv[1], i.e. undefined.)
    capture(nums.apply(beam.withName("all", beam.groupBy((x) => "all"))).map(sortedGroup), "all");
  },
  expected: [
    rec("totals", { largest: 5, total: 15 }, AFTER_GLOBAL_GBK),
    rec("count", 5, AFTER_GLOBAL_GBK),
    rec("all", { key: "all", value: [1, 2, 3, 4, 5] }, AFTER_GLOBAL_GBK),
  ],
};

const flattenPipeline = {
  name: "flatten",
  covers: "Flatten of three PCollections (one empty, one with Impulse's timestamp), Flatten of a PCollection with itself",
  build(root, capture) {
    const a = root.apply(beam.withName("a", beam.create(["a1", "a2"])));
    const b = root.apply(beam.withName("b", beam.create(["b1"])));
    const c = root.apply(beam.withName("c", beam.create([])));
    capture(beam.P([a, b, c]).apply(beam.withName("flattenABC", beam.flatten())), "abc");
    capture(beam.P([a, a]).apply(beam.withName("flattenAA", beam.flatten())), "aa");
  },
  expected: [
    ...recs("abc", ["a1", "a2"], AFTER_GLOBAL_GBK),
    rec("abc", "b1", AT_IMPULSE),
    ...recs("aa", ["a1", "a1", "a2", "a2"], AFTER_GLOBAL_GBK),
  ],
};

const multipleOutputs = {
  name: "multiple_outputs",
  covers: "a ParDo with several outputs: split (exclusive and not) and partition",
  build(root, capture) {
    const nums = root.apply(beam.create([1, 2, 3, 4, 5, 6, 7]));
    const parity = nums
      .map((x) => (x % 2 === 0 ? { even: x } : { odd: x }))
      .apply(beam.withName("splitParity", beam.split(["even", "odd"])));
    capture(parity.even, "even");
    capture(parity.odd, "odd");

    const fizz = nums
      .map((x) => (x % 3 === 0 ? { fizz: x, all: x } : { all: x }))
      .apply(beam.withName("splitFizz", beam.split(["fizz", "all"], { exclusive: false })));
    capture(fizz.fizz, "fizz");
    capture(fizz.all, "all");

    const parts = nums.apply(beam.withName("partition3", beam.partition((x, n) => x % n, 3)));
    capture(parts[0], "part0");
    capture(parts[1], "part1");
    capture(parts[2], "part2");
  },
  expected: [
    ...recs("even", [2, 4, 6], AFTER_GLOBAL_GBK),
    ...recs("odd", [1, 3, 5, 7], AFTER_GLOBAL_GBK),
    ...recs("fizz", [3, 6], AFTER_GLOBAL_GBK),
    ...recs("all", [1, 2, 3, 4, 5, 6, 7], AFTER_GLOBAL_GBK),
    ...recs("part0", [3, 6], AFTER_GLOBAL_GBK),
    ...recs("part1", [1, 4, 7], AFTER_GLOBAL_GBK),
    ...recs("part2", [2, 5], AFTER_GLOBAL_GBK),
  ],
};

module.exports = {
  pipelines: [
    createMapFlatMap,
    gbkMixedKeys,
    combinePerKeyPipeline,
    combineGlobally,
    flattenPipeline,
    multipleOutputs,
  ],
};
