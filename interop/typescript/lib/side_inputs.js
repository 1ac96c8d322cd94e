"use strict";
// Side-input parameters for pipelines written in plain JavaScript with the TypeScript SDK 2.49.0.

const beam = require("apache-beam");

/** Reads this.__pcoll: the serializer skips "__" keys, so the PCollection stays out of the payload. */
function hiddenPCollection() {
  return this.__pcoll;
}

/**
 * Keeps a SideInputParam's PCollection (and through it the whole Pipeline object) out of the ParDo
 * payload. The SDK means to drop it (copySideInputWithId deletes `pcoll` from an Object.create copy,
 * which leaves the prototype's), so every side-input ParDo payload carries the pipeline built so far,
 * each one including the previous ones: 61 MB for side_inputs_global without this. The runner cannot
 * help there: the SDK worker cannot receive a ProcessBundleDescriptor over 4 MiB.
 */
function lean(param) {
  const pcoll = param.pcoll;
  delete param.pcoll;
  Object.defineProperty(param, "__pcoll", { value: pcoll, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(param, "pcoll", { get: hiddenPCollection, configurable: true, enumerable: false });
  return param;
}

/** Singleton side input (the SDK's accessor), payload-safe. */
function singleton(pcoll) {
  return lean(beam.singletonSideInput(pcoll));
}

/**
 * Iterable side input read into an array, payload-safe. The SDK's own iterableSideInput hands out a
 * one-shot generator that it caches per window, so only the first element of a bundle sees the
 * contents (an SDK bug in 2.49.0). Same access pattern on the wire: beam:side_input:iterable:v1.
 */
function arraySideInput(pcoll) {
  return lean(new beam.SideInputParam(pcoll, {
    accessPattern: "beam:side_input:iterable:v1",
    toValue: (iter) => Array.from(iter),
  }));
}

module.exports = { lean, singleton, arraySideInput };
