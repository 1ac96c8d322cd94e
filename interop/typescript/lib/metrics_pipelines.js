"use strict";
// Interop pipeline with user metrics, read back from the job (GetJobMetrics, committed values).
// The entry shape is described in pipelines.js.

const beam = require("apache-beam");
const { recs, AFTER_GLOBAL_GBK } = require("./expect");

const metrics = {
  name: "metrics",
  covers: "user counters and a distribution updated in two ParDos, read back with GetJobMetrics",
  build(root, capture) {
    const measured = root
      .apply(beam.create([1, 2, 3, 4]))
      .map(beam.withName("measure", beam.withContext((x, ctx) => {
        ctx.seen.increment();
        ctx.sum.increment(x);
        ctx.tenfold.update(x * 10);
        return x;
      }, {
        seen: beam.counter("elements_seen"),
        sum: beam.counter("sum_of_elements"),
        tenfold: beam.distribution("tenfold"),
      })));
    // A second ParDo updating the same counter name: the job reports the sum over both.
    const evens = measured.flatMap(beam.withName("evens", beam.withContext((x, ctx) => {
      ctx.seen.increment(100);
      return x % 2 === 0 ? [x] : [];
    }, { seen: beam.counter("elements_seen") })));
    capture(evens, "evens");
  },
  expected: recs("evens", [2, 4], AFTER_GLOBAL_GBK),
  counters: { elements_seen: 404, sum_of_elements: 10 },
  distributions: { tenfold: { count: 4, sum: 100, min: 10, max: 40 } },
};

module.exports = { pipelines: [metrics] };
