"use strict";
// Expected-record builders and the comparison the driver applies to captured output.
//
// Timestamps and window bounds are decimal strings of milliseconds (see capture.js). The constants
// below are Beam's, in milliseconds:
//   MIN_TIMESTAMP  = -2^63 µs truncated to ms              = -9223372036854775
//   GLOBAL_MAX     = max timestamp of the GlobalWindow     = 2^63 µs / 1000 - 1 day = 9223371950454775

const { canonical } = require("./capture");

const MIN_TIMESTAMP = "-9223372036854775";
const GLOBAL_WINDOW_MAX_TIMESTAMP = "9223371950454775";

/** Pane of an element no trigger fired for (Impulse output and everything derived from it before a GBK). */
const NO_FIRING = { timing: "UNKNOWN", index: 0, onTimeIndex: 0, isFirst: true, isLast: true };
/** Pane of the single firing of the default trigger at the end of the window. */
const ON_TIME_ONLY = { timing: "ON_TIME", index: 0, onTimeIndex: 0, isFirst: true, isLast: true };

/**
 * Builds one expected record.
 * @param {string} tag capture point
 * @param {unknown} value the element as the pipeline produces it (made canonical here)
 * @param {{window?: "global" | [number|string, number|string], timestamp: number|string, pane?: object}} at
 */
function rec(tag, value, at) {
  const window = at.window === undefined || at.window === "global"
    ? "global"
    : [String(at.window[0]), String(at.window[1])];
  return { tag, value: canonical(value), window, timestamp: String(at.timestamp), pane: at.pane || NO_FIRING };
}

/** Records for values that all share the same window, timestamp and pane. */
function recs(tag, values, at) {
  return values.map((value) => rec(tag, value, at));
}

/** Where a GroupByKey in an IntervalWindow puts its output: timestamp end-1 ms, the on-time pane. */
function afterGbkIn(startMs, endMs) {
  return { window: [startMs, endMs], timestamp: endMs - 1, pane: ON_TIME_ONLY };
}

/** Where a GroupByKey in the GlobalWindow puts its output. */
const AFTER_GLOBAL_GBK = { window: "global", timestamp: GLOBAL_WINDOW_MAX_TIMESTAMP, pane: ON_TIME_ONLY };
/** Where Impulse puts its single element (and so a one-element Create, which skips the reshuffle). */
const AT_IMPULSE = { window: "global", timestamp: MIN_TIMESTAMP, pane: NO_FIRING };

/** Sort key of one record: its canonical JSON text. */
function keyOf(record) {
  return JSON.stringify(record);
}

/**
 * Compares captured records with expected ones as multisets.
 * @param {boolean} ignorePanes compare without the pane field (the DirectRunner's panes are wrong)
 * @returns {string[]} one line per difference (empty when equal)
 */
function diffRecords(expected, actual, ignorePanes = false) {
  if (ignorePanes) {
    const strip = (r) => ({ ...r, pane: undefined });
    expected = expected.map(strip);
    actual = actual.map(strip);
  }
  const counts = new Map();
  for (const r of expected) counts.set(keyOf(r), (counts.get(keyOf(r)) || 0) + 1);
  const unexpected = [];
  for (const r of actual) {
    const k = keyOf(r);
    const n = counts.get(k) || 0;
    if (n > 0) counts.set(k, n - 1);
    else unexpected.push(k);
  }
  const missing = [];
  for (const [k, n] of counts) for (let i = 0; i < n; i++) missing.push(k);
  missing.sort();
  unexpected.sort();
  return [
    ...missing.map((k) => `missing    ${k}`),
    ...unexpected.map((k) => `unexpected ${k}`),
  ];
}

/**
 * Compares metric maps exactly (name -> value); values compared as canonical JSON.
 * @returns {string[]} one line per difference
 */
function diffMetrics(kind, expected, actual) {
  const lines = [];
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const name of [...names].sort()) {
    const e = JSON.stringify(expected[name]);
    const a = JSON.stringify(actual[name]);
    if (e !== a) lines.push(`${kind} ${name}: expected ${e}, got ${a}`);
  }
  return lines;
}

module.exports = {
  MIN_TIMESTAMP,
  GLOBAL_WINDOW_MAX_TIMESTAMP,
  NO_FIRING,
  ON_TIME_ONLY,
  AFTER_GLOBAL_GBK,
  AT_IMPULSE,
  afterGbkIn,
  rec,
  recs,
  diffRecords,
  diffMetrics,
};
