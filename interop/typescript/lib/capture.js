"use strict";
// Output side channel for the interop pipelines.
//
// Every pipeline ends in one or more "capture" ParDos. Each one appends, for every windowed value it
// sees, one JSON line {tag, value, window, timestamp, pane} to a file the driver chose. The driver reads
// the file after the job reached DONE and compares it with the expected records.
//
// A file works for every environment the driver uses: the LOOPBACK worker (inside the driver process),
// a PROCESS worker (another process on this machine) and the SDK's in-process DirectRunner.
//
// The module registers itself with the SDK's serializer (requireForSerialization) under its absolute
// path, so a DoFn refers to `record` by name rather than by copied source, and a worker in another
// process loads this same file (the path travels in the pipeline option registered_node_modules).

const fs = require("fs");
const { requireForSerialization } = require("apache-beam/serialization");

/** Turns a value into plain JSON with sorted object keys, so equal values give equal text. */
function canonical(value) {
  if (value === undefined || value === null) return null;
  if (typeof value === "bigint") return { bigint: value.toString() };
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { number: "NaN" };
    if (!Number.isFinite(value)) return { number: String(value) };
    return value;
  }
  if (typeof value !== "object") return value;
  if (isLong(value)) return { long: value.toString() };
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString("hex") };
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value[Symbol.iterator] === "function") return Array.from(value, canonical);
  const out = {};
  for (const key of Object.keys(value).sort()) out[key] = canonical(value[key]);
  return out;
}

function isLong(value) {
  return value !== null && typeof value === "object" && typeof value.high === "number" &&
    typeof value.low === "number" && typeof value.unsigned === "boolean";
}

/** Milliseconds as a decimal string (Beam timestamps reach ±2^63 µs, beyond a double's exact range). */
function millis(instant) {
  return isLong(instant) ? instant.toString() : String(instant);
}

/** "global" for the GlobalWindow, [startMs, endMs) as two decimal strings for an IntervalWindow. */
function windowToJson(window) {
  if (window && window.start !== undefined && window.end !== undefined) {
    return [millis(window.start), millis(window.end)];
  }
  return "global";
}

function paneToJson(pane) {
  if (!pane) return null;
  return {
    timing: pane.timing,
    index: Number(pane.index),
    onTimeIndex: Number(pane.onTimeIndex),
    isFirst: Boolean(pane.isFirst),
    isLast: Boolean(pane.isLast),
  };
}

/**
 * Appends one captured windowed value to `file` as a JSON line.
 * @param {string} file absolute path of the capture file of one pipeline run
 * @param {string} tag name of the capture point inside the pipeline
 * @param {unknown} value the element
 * @param {object} window the window (GlobalWindow or IntervalWindow with Long ms bounds)
 * @param {object} timestamp element timestamp, a Long in milliseconds
 * @param {object} pane the PaneInfo
 */
function record(file, tag, value, window, timestamp, pane) {
  const line = JSON.stringify({
    tag,
    value: canonical(value),
    window: windowToJson(window),
    timestamp: millis(timestamp),
    pane: paneToJson(pane),
  });
  fs.appendFileSync(file, line + "\n");
}

/** Reads a capture file back as an array of records (empty when nothing was captured). */
function readCaptured(file) {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line));
}

module.exports = { record, canonical, readCaptured };

// Register under the absolute path: the worker requires exactly this string.
requireForSerialization(__filename, module.exports);
