/**
 * The bare bot (bench/peer-bots.ts) in a process of its own, taking updates on a webhook as
 * the measured bot does: the floor for the latency figures of bench/child-bot.ts. Reads
 * BENCH_API_ROOT and BENCH_TOKEN; prints the address it listens on.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bareBot } from './peer-bots.js';

const bare = bareBot({ token: process.env.BENCH_TOKEN!, url: process.env.BENCH_API_ROOT! });
const server = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    await bare.handleUpdate(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    res.end('{"ok":true}');
  } catch {
    res.statusCode = 500;
    res.end('{"ok":false}');
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'the bare bot is ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
