'use strict';
// Runs one interop scenario with grpc-js against an interop.Echo server: node client.js <port> <scenario>.
// Prints "OK <scenario>" and exits 0, or prints what differed and exits 1.
const assert = require('node:assert/strict');
const grpc = require('@grpc/grpc-js');
const { definition, STREAM_ERROR } = require('./echo-service');

const [port, scenario] = process.argv.slice(2);
const EchoClient = grpc.makeGenericClientConstructor(definition, 'Echo');
const client = new EchoClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
const b = (s) => Buffer.from(s, 'utf8');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const NON_ASCII = '\u017dlu\u0165ou\u010dk\u00fd k\u016f\u0148 100%\nsecond line \u2713';

function unary(name, request, options = {}) {
  return new Promise((resolve, reject) => {
    const metadata = options.metadata || new grpc.Metadata();
    const callOptions = options.deadline ? { deadline: options.deadline } : {};
    const result = { headers: null, trailers: null };
    let outcome = null;
    const settle = () => {
      if (outcome && result.trailers) {
        outcome.err ? reject(Object.assign(outcome.err, result)) : resolve({ ...result, response: outcome.response });
      }
    };
    const call = client[name](request, metadata, callOptions, (err, response) => { outcome = { err, response }; settle(); });
    call.on('metadata', (m) => { result.headers = m; });
    call.on('status', (s) => { result.trailers = s.metadata; settle(); });
  });
}

async function expectError(promise, code) {
  try {
    await promise;
  } catch (err) {
    assert.equal(err.code, code, `status code (details: ${err.details})`);
    return err;
  }
  throw new Error(`expected status ${code}, got OK`);
}

function readAll(call) {
  return new Promise((resolve, reject) => {
    const got = [];
    call.on('data', (m) => got.push(m.toString('utf8')));
    call.on('error', (err) => reject(Object.assign(err, { got })));
    call.on('end', () => resolve(got));
  });
}

function bidiQueue(call) {
  // Reads responses one at a time.
  const waiting = [];
  const buffered = [];
  let error = null;
  call.on('data', (m) => (waiting.length ? waiting.shift().resolve(m) : buffered.push(m)));
  call.on('error', (err) => { error = err; while (waiting.length) waiting.shift().reject(err); });
  return () => (buffered.length ? Promise.resolve(buffered.shift()) : error ? Promise.reject(error) : new Promise((resolve, reject) => waiting.push({ resolve, reject })));
}

const scenarios = {
  async metadata() {
    const md = new grpc.Metadata();
    md.set('x-ascii', 'hello world');
    md.set('x-blob-bin', Buffer.from([0, 1, 2, 255]));
    const { response, headers, trailers } = await unary('Unary', b('ping'), { metadata: md });
    assert.equal(response.toString(), 'ping');
    assert.deepEqual(headers.get('x-ascii'), ['hello world']);
    assert.deepEqual(headers.get('x-blob-bin'), [Buffer.from([0, 1, 2, 255])]);
    assert.deepEqual(trailers.get('x-ascii'), ['hello world']);
    assert.deepEqual(trailers.get('x-blob-bin'), [Buffer.from([0, 1, 2, 255])]);
  },
  async not_found() {
    const err = await expectError(unary('Fail', b(`5|${NON_ASCII}`)), grpc.status.NOT_FOUND);
    assert.equal(err.details, NON_ASCII);
  },
  async deadline() {
    await expectError(unary('Slow', b('5000'), { deadline: Date.now() + 300 }), grpc.status.DEADLINE_EXCEEDED);
  },
  async stream_error() {
    const call = client.StreamThenFail(b('3'));
    try {
      await readAll(call);
      throw new Error('expected ABORTED');
    } catch (err) {
      assert.equal(err.code, grpc.status.ABORTED, err.details);
      assert.equal(err.details, STREAM_ERROR);
      assert.deepEqual(err.got, ['m0', 'm1', 'm2']);
    }
  },
  async client_stream() {
    const response = await new Promise((resolve, reject) => {
      const call = client.Collect((err, r) => (err ? reject(err) : resolve(r)));
      for (const s of ['a', 'b', 'c']) call.write(b(s));
      call.end();
    });
    assert.equal(response.toString(), 'a,b,c');
  },
  async bidi_pingpong() {
    const call = client.Bidi();
    const next = bidiQueue(call);
    for (let i = 0; i < 100; i++) {
      call.write(b(`p${i}`));
      assert.equal((await next()).toString(), `p${i}`);
    }
    call.end();
  },
  async bidi_2000() {
    const call = client.Bidi();
    const reading = readAll(call);
    for (let i = 0; i < 2000; i++) {
      if (!call.write(b(`m${i}`))) {
        await new Promise((resolve) => call.once('drain', resolve));
      }
    }
    call.end();
    const got = await reading;
    assert.equal(got.length, 2000);
    got.forEach((m, i) => assert.equal(m, `m${i}`));
  },
  async cancel() {
    const call = client.Endless(b('go'));
    const next = bidiQueue(call);
    await next();
    await next();
    call.cancel();
    const { response } = await unary('WasCancelled', b('?'));
    assert.equal(response.toString(), 'yes');
  },
  async unimplemented() {
    const Nope = grpc.makeGenericClientConstructor({ Nope: { ...definition.Unary, path: '/interop.Echo/Nope' } }, 'Nope');
    const other = new Nope(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    await expectError(new Promise((resolve, reject) => other.Nope(b('x'), (e, r) => (e ? reject(e) : resolve(r)))), grpc.status.UNIMPLEMENTED);
    other.close();
  },
  async too_large_request() {
    await expectError(unary('Unary', Buffer.alloc(5 * 1024 * 1024, 'q')), grpc.status.RESOURCE_EXHAUSTED);
  },
  async too_large_response() {
    await expectError(unary('Size', b(String(5 * 1024 * 1024))), grpc.status.RESOURCE_EXHAUSTED);
  },
  async concurrent_300() {
    const results = await Promise.all(Array.from({ length: 300 }, () => unary('Slow', b('200'))));
    assert.equal(results.filter((r) => r.response.toString() === 'done').length, 300);
  },
  async idle_bidi() {
    const call = client.Bidi();
    const next = bidiQueue(call);
    call.write(b('before'));
    assert.equal((await next()).toString(), 'before');
    await sleep(10000);
    call.write(b('after'));
    assert.equal((await next()).toString(), 'after');
    call.end();
  },
};

(async () => {
  const run = scenarios[scenario];
  if (!run) {
    console.error(`unknown scenario '${scenario}'; known: ${Object.keys(scenarios).join(' ')}`);
    process.exit(2);
  }
  try {
    await run();
    console.log(`OK ${scenario}`);
    client.close();
    process.exit(0);
  } catch (err) {
    console.error(`FAIL ${scenario}: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  }
})();
