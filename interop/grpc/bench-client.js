'use strict';
// Bidi echo load with grpc-js: node bench-client.js <port> <size-bytes> <messages>.
// Writes <messages> messages of <size-bytes> on one Bidi call while reading the echoes (after a 10% warm-up call),
// then prints one JSON line: {"messages", "size", "seconds"}.
const grpc = require('@grpc/grpc-js');
const { definition } = require('./echo-service');

const [port, size, count] = process.argv.slice(2).map(Number);
const EchoClient = grpc.makeGenericClientConstructor(definition, 'Echo');
const client = new EchoClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
});
const payload = Buffer.alloc(size, 'b');

function run(messages) {
  return new Promise((resolve, reject) => {
    const call = client.Bidi();
    let received = 0;
    const start = process.hrtime.bigint();
    call.on('data', () => {
      received += 1;
      if (received === messages) {
        call.end();
        resolve(Number(process.hrtime.bigint() - start) / 1e9);
      }
    });
    call.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < messages) {
        sent += 1;
        if (!call.write(payload)) {
          call.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

(async () => {
  await run(Math.max(1, Math.floor(count / 10)));
  const seconds = await run(count);
  console.log(JSON.stringify({ messages: count, size, seconds }));
  client.close();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
