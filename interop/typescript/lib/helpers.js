"use strict";
// Functions shared by the interop pipelines. Plain JavaScript: a function that uses variables from
// outside carries a __closure annotation naming them (the SDK serializes source text + __closure).

const beam = require("apache-beam");
const Long = require("long");

/** Element timestamp from the element's `t` field (milliseconds). */
const eventTime = (e) => Long.fromNumber(e.t);
eventTime.__closure = () => ({ Long });

/** Element timestamp from the element itself, a number of seconds (the SDK's own tests' `t * 1000`). */
const seconds = (t) => Long.fromValue(t * 1000);
seconds.__closure = () => ({ Long });

/** KV with values sorted, so group contents compare independently of arrival order. */
const sortedGroup = (kv) => ({ key: kv.key, value: [...kv.value].sort(compareAny) });
/** Orders numbers numerically, anything else by its JSON text. */
function compareAny(a, b) {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
sortedGroup.__closure = () => ({ compareAny });

/**
 * Creates elements under a unique transform name, then stamps each with its `t` field, as users write
 * it: `create(events)` ends in the SDK's reshuffle(), a plain GroupByKey whose output sits at the end of
 * the GlobalWindow in its ON_TIME pane, and assignTimestamps then moves every element back behind that
 * timestamp. A runner must run such a bounded pipeline with batch semantics to keep them (NOTES.md §8).
 * With `reshuffle: false` (the no-reshuffle path) they start at Impulse's minimum timestamp, in its
 * NO_FIRING pane, and only move forward.
 */
function timestamped(root, name, events, reshuffle = true) {
  return root
    .apply(beam.withName(name, reshuffle ? beam.create(events) : beam.create(events, false)))
    .apply(beam.withName(`${name}.stamp`, beam.assignTimestamps(eventTime)));
}

module.exports = { eventTime, seconds, sortedGroup, compareAny, timestamped };
