'use strict';
// The interop.Echo service for grpc-js, with raw-byte (un)serializers: no generated code.
const grpc = require('@grpc/grpc-js');

const id = (b) => b;
function method(name, requestStream, responseStream) {
  return {
    path: `/interop.Echo/${name}`,
    requestStream,
    responseStream,
    requestSerialize: id,
    requestDeserialize: id,
    responseSerialize: id,
    responseDeserialize: id,
  };
}

const definition = {
  Unary: method('Unary', false, false),
  Fail: method('Fail', false, false),
  Slow: method('Slow', false, false),
  Size: method('Size', false, false),
  StreamThenFail: method('StreamThenFail', false, true),
  Endless: method('Endless', false, true),
  WasCancelled: method('WasCancelled', false, false),
  Collect: method('Collect', true, false),
  Bidi: method('Bidi', true, true),
};

const STREAM_ERROR = 'stream failed \u2717\nsecond line';

function echoedMetadata(requestMetadata) {
  const out = new grpc.Metadata();
  for (const [key, values] of Object.entries(requestMetadata.getMap())) {
    if (key.startsWith('x-')) {
      out.set(key, values);
    }
  }
  return out;
}

function implementation() {
  let lastEndless = null;
  return {
    Unary(call, callback) {
      call.sendMetadata(echoedMetadata(call.metadata));
      callback(null, call.request, echoedMetadata(call.metadata));
    },
    Fail(call, callback) {
      const text = call.request.toString('utf8');
      const bar = text.indexOf('|');
      callback({ code: Number(text.slice(0, bar)), details: text.slice(bar + 1) });
    },
    Slow(call, callback) {
      const timer = setTimeout(() => callback(null, Buffer.from('done')), Number(call.request.toString('utf8')));
      call.on('cancelled', () => clearTimeout(timer));
    },
    Size(call, callback) {
      callback(null, Buffer.alloc(Number(call.request.toString('utf8')), 'x'));
    },
    StreamThenFail(call) {
      const n = Number(call.request.toString('utf8'));
      for (let i = 0; i < n; i++) {
        call.write(Buffer.from(`m${i}`));
      }
      call.emit('error', { code: grpc.status.ABORTED, details: STREAM_ERROR });
    },
    Endless(call) {
      let resolveSeen;
      const seen = new Promise((resolve) => { resolveSeen = resolve; });
      lastEndless = seen;
      let i = 0;
      const timer = setInterval(() => call.write(Buffer.from(`tick${i++}`)), 20);
      call.on('cancelled', () => { clearInterval(timer); resolveSeen(true); });
    },
    WasCancelled(call, callback) {
      const seen = lastEndless || Promise.resolve(false);
      const timeout = new Promise((resolve) => setTimeout(() => resolve(false), 5000));
      Promise.race([seen, timeout]).then((yes) => callback(null, Buffer.from(yes ? 'yes' : 'no')));
    },
    Collect(call, callback) {
      const parts = [];
      call.on('data', (b) => parts.push(b.toString('utf8')));
      call.on('end', () => callback(null, Buffer.from(parts.join(','))));
    },
    Bidi(call) {
      call.on('data', (b) => call.write(b));
      call.on('end', () => call.end());
    },
  };
}

module.exports = { definition, implementation, STREAM_ERROR };
