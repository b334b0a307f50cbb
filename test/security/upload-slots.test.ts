import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';
import { tinyJpeg } from '../helpers/tiny-jpeg.js';

/**
 * Uploads take a few places at once, each held while its body streams in. A sender who opens
 * uploads and trickles a byte now and then must not hold every place, and keep every citizen's
 * photo out, for as long as they like.
 */
describe('security: one address holding every upload place', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createEmptyDatabase('sqlite');
    // Behind a proxy, as in production: the client address comes from X-Forwarded-For.
    app = await startTestApp({ databaseUrl: database.url, env: { TRUST_PROXY: '127.0.0.1', WEB_UPLOADS_AT_ONCE: '2' } });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  /** Uploads from these addresses that send a little and then nothing, until `finish`. */
  async function trickle(addresses: string[]) {
    const attacker = new WebChatClient(app.url);
    await attacker.say('/start');
    const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
    const slow = addresses.map((from) =>
      attacker.upload(
        new ReadableStream<Uint8Array>({
          start(controller) {
            streams.push(controller);
            controller.enqueue(new Uint8Array(1024).fill(7));
          },
        }) as BodyInit,
        { headers: { 'x-forwarded-for': from } },
      ),
    );
    const finish = async () => {
      for (const stream of streams) stream.close();
      await Promise.all(slow);
    };
    return { slow, finish };
  }

  it('should keep a place for others while one address trickles uploads that never finish', async () => {
    const { slow, finish } = await trickle(['198.51.100.66', '198.51.100.66']);
    // The attacker's second upload is turned away at once: its address holds a place already.
    const second = await Promise.race(slow);
    expect(second.status).toBe(503);

    const citizen = new WebChatClient(app.url);
    await citizen.say('/start');
    const photo = await citizen.upload(Buffer.from('a citizen\'s file, read to its end'), { headers: { 'x-forwarded-for': '203.0.113.9' } });
    // Received and judged (not a picture), not "busy".
    expect(photo.status).toBe(415);

    await finish();
  });

  it('should count an IPv6 sender by its /64, so that its billions of addresses are one', async () => {
    const { slow, finish } = await trickle(['2001:db8:1:2::a', '2001:db8:1:2::b']);
    expect((await Promise.race(slow)).status).toBe(503);
    const citizen = new WebChatClient(app.url);
    await citizen.say('/start');
    expect((await citizen.upload(Buffer.from('a citizen\'s file'), { headers: { 'x-forwarded-for': '2001:db8:9:9::1' } })).status).toBe(415);
    await finish();
  });
});

/**
 * Each visitor may keep a few megabytes a day, and one address may start many visitors: without
 * a day's quota for the address, a stranger filled the total and every citizen's photo was
 * refused after it.
 */
describe('security: one address filling the uploads\' total through fresh visitors', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createEmptyDatabase('sqlite');
    app = await startTestApp({
      databaseUrl: database.url,
      env: { TRUST_PROXY: '127.0.0.1', WEB_UPLOAD_MB_PER_VISITOR_DAY: '1', WEB_UPLOAD_MB_PER_ADDRESS_DAY: '2', WEB_UPLOAD_TOTAL_MB: '4' },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  async function photosInADraft(from: string, count: number) {
    const visitor = new WebChatClient(app.url);
    await visitor.say('/phananh');
    await visitor.press('Khác');
    await visitor.say('Trụ sở mới xây nhưng bỏ trống nhiều năm, rất lãng phí.');
    await visitor.press('Bỏ qua');
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await visitor.upload(tinyJpeg({ size: 450 * 1024, fill: i + 1 }), { headers: { 'x-forwarded-for': from } });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    return statuses;
  }

  it('should stop an address at its day\'s quota, and keep room for everyone else', async () => {
    const stranger = '198.51.100.66';
    // Each fresh visitor stays within its own megabyte; the address's two run out on the fifth.
    expect(await photosInADraft(stranger, 2)).toEqual([200, 200]);
    expect(await photosInADraft(stranger, 2)).toEqual([200, 200]);
    const refused = await new WebChatClient(app.url).upload(tinyJpeg({ size: 450 * 1024, fill: 9 }), { headers: { 'x-forwarded-for': stranger } });
    expect(refused.status).toBe(403);
    expect(await photosInADraft(stranger, 1)).toEqual([429]);
    // A citizen elsewhere still sends a photo.
    expect(await photosInADraft('203.0.113.9', 1)).toEqual([200]);
  });
});
