import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';

const PREFIXES = [
  [0xff, 0xd8, 0xff],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [...Buffer.from('RIFF\0\0\0\0WEBP')],
  [...Buffer.from('%PDF-')],
  [0x50, 0x4b, 0x03, 0x04],
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  [...Buffer.from('<svg ')],
  [...Buffer.from('<?xml version="1.0"?>')],
  [...Buffer.from('GIF89a')],
];

// Random bytes, real signatures cut short or followed by noise, under any declared type.
const body = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  fc.tuple(fc.constantFrom(...PREFIXES), fc.uint8Array({ maxLength: 2048 }), fc.nat({ max: 12 })).map(([prefix, rest, cut]) =>
    Uint8Array.from([...prefix.slice(0, Math.max(0, prefix.length - cut)), ...rest]),
  ),
);
const contentType = fc.constantFrom('application/octet-stream', 'image/svg+xml', 'image/jpeg', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded');
const clientMessageId = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/), fc.string({ maxLength: 80 }));

describe.each(providers)('fuzzing the upload endpoint (%s)', (provider) => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, env: { WEB_UPLOAD_MB_PER_VISITOR_DAY: '1000', WASTE_REPORTS_PER_HOUR: '1000' } });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('should answer any body with a 4xx, or take a real image, never an internal error nor a kept stray file', async () => {
    const visitor = new WebChatClient(app.url);
    await visitor.say('/phananh');
    await visitor.press('Khác');
    await visitor.say('Công trình xây xong bỏ hoang nhiều năm, rất lãng phí.');
    await visitor.press('Bỏ qua');
    await fc.assert(
      fc.asyncProperty(body, contentType, clientMessageId, async (bytes, type, id) => {
        const before = await app.database.db.storedFile.findMany({ select: { id: true } });
        const res = await visitor.upload(Buffer.from(bytes), { contentType: type, clientMessageId: id });
        expect(res.status).toBeLessThan(500);
        await res.arrayBuffer();
        const after = await app.database.db.storedFile.findMany({ select: { id: true, mimeType: true } });
        const added = after.filter((f) => !before.some((b) => b.id === f.id));
        if (res.status !== 200) expect(added).toEqual([]);
        // Whatever was kept is on the allow-list, and held by the dialog.
        for (const file of added) expect(['image/jpeg', 'image/png', 'image/webp']).toContain(file.mimeType);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
  });

  it('should keep nothing from a body cut off before its announced length', async () => {
    const visitor = new WebChatClient(app.url);
    await visitor.say('/start');
    const before = await app.database.db.storedFile.count();
    const { port } = new URL(app.url);
    for (const sent of [0, 3, 4096]) {
      await new Promise<void>((resolve) => {
        const req = request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/chat/upload?clientMessageId=truncated01',
          headers: { 'content-type': 'application/octet-stream', 'content-length': '100000', cookie: visitor.cookie! },
        });
        req.on('error', () => resolve());
        req.on('response', (res) => {
          res.resume();
          resolve();
        });
        req.write(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(sent)]).subarray(0, sent), () => req.destroy());
      });
    }
    // The server is still answering, and kept nothing of the cut bodies.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(await app.database.db.storedFile.count()).toBe(before);
  });
});
