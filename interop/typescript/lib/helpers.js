"use strict";
// Functions shared by the interop pipelines. Plain JavaScript: a function that uses variables from
// outside carries a __closure annotation naming them (the SDK serializes source text + __closure).

const beam = require("apache-beam");
const Long = require("long");

/** Element timestamp from the element's `t` field (milliseconds). */
const eventTime = (e) => Long.fromNumber(e.t);
eventTime.__closure = () => ({ Long });

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
 * Creates elements under a unique transform name, then stamps each with its `t` field. Create's
 * reshuffle is turned off: the SDK's reshuffle() is a plain GroupByKey that leaves its output at the
 * end of the GlobalWindow, and assignTimestamps would then move every element back behind that
 * timestamp, so a runner that holds watermarks by element timestamps (the ReferenceRunner, like
 * Beam's Java DirectRunner) sees them as late and drops them. Without the reshuffle they start at
 * Impulse's minimum timestamp, in Impulse's NO_FIRING pane, and only move forward.
 */
function timestamped(root, name, events) {
  return root
    .apply(beam.withName(name, beam.create(events, false)))
    .apply(beam.withName(`${name}.stamp`, beam.assignTimestamps(eventTime)));
}

module.exports = { eventTime, sortedGroup, compareAny, timestamped };
