import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zaloOaSignature } from '../../../src/channels/zalo-oa/verify-zalo-oa-signature.js';
import { FakeZaloOaApi, ZaloOaChat } from '../../helpers/fake-zalo-oa-api.js';
import { startTestApp, zaloOaOf, type TestApp } from '../../helpers/start-test-app.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../../helpers/test-database.js';

describe.each(providers)('the bot on a Zalo Official Account (%s)', (provider) => {
  let oa: FakeZaloOaApi;
  let database: TestDatabase;
  let app: TestApp;
  let webhook: string;
  const chat = (userId: string) => new ZaloOaChat(oa, webhook, userId);

  beforeAll(async () => {
    oa = await new FakeZaloOaApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, env: oa.env() });
    webhook = `${app.url}/zalo-oa/webhook`;
    // The first set-up, as `npm run zalo-oa -- --code …` does it.
    await oa.authorize(app.database.db);
  });
  afterAll(async () => {
    await app?.stop();
    await oa?.stop();
    await database?.drop();
  });

  it('should store the first tokens from the authorization code, which works once', async () => {
    const row = await app.database.db.zaloOaToken.findUniqueOrThrow({ where: { appId: oa.appId } });
    expect(row.accessToken).toBe(oa.accessToken);
    expect(row.accessExpiresAt.getTime() - Date.now()).toBeGreaterThan(24 * 3_600_000);
    expect(oa.oauthCalls).toEqual(['authorization_code']);
    await expect(oa.authorize(app.database.db)).rejects.toThrow(/-14019/);
    expect(app.logs.some((l) => l.includes(oa.accessToken) || l.includes(oa.refreshToken))).toBe(false);
    expect(app.logs.some((l) => l.includes('Zalo OA has no tokens yet'))).toBe(true);
  });

  it('should greet a new follower with numbered choices that are also buttons, and take a tap', async () => {
    oa.names.set('oa-100', 'Nguyễn Thị Lan');
    const citizen = chat('oa-100');
    const hello = await citizen.follow();
    expect(hello).toContain('1. Tiếng Việt\n2. English');
    const greeting = citizen.messages.at(-1)!;
    expect(greeting.buttons).toEqual([
      { type: 'oa.query.show', title: 'Tiếng Việt', payload: 'Tiếng Việt' },
      { type: 'oa.query.show', title: 'English', payload: 'English' },
    ]);
    // A tap "says" the option's words.
    expect(await citizen.say('Tiếng Việt')).toContain('Bạn tham gia với tư cách nào?');
    const done = await citizen.say('người dân');
    expect(done).toContain('Cảm ơn bạn đã đồng hành');
    expect(done).toMatch(/\d\. 📢 Phản ánh lãng phí/);
    // The name comes from the OA's profile API, asked once.
    const identity = await app.database.db.identity.findFirstOrThrow({ where: { channel: 'zalo_oa', externalId: 'oa-100' } });
    expect(identity.displayName).toBe('Nguyễn Thị Lan');
    expect(oa.profileCalls.filter((id) => id === 'oa-100')).toEqual(['oa-100']);
  });

  it('should take a waste report with a shared location and a photo', async () => {
    const citizen = chat('oa-101');
    const categories = await citizen.say('/phananh');
    await citizen.say(/(\d+)\. Tổ chức lễ hội/.exec(categories)![1]!);
    const place = await citizen.say('Cổng chào lễ hội dựng bằng ngân sách rồi bỏ hoang bên quốc lộ 14.');
    expect(place).toContain('Chọn trong danh sách');
    expect(await citizen.location(12.0045, 107.6871)).toContain('ảnh');
    expect(await citizen.image(oa.photoUrl('p1.jpg'))).toContain('Đã nhận 1/5 ảnh');
    // A link to another host is not taken as a photo.
    expect(await citizen.image('https://evil.example/p.jpg')).not.toContain('Đã nhận 2/5 ảnh');
    // Nor one whose bytes are not an image, whatever its name, nor one over the cap.
    expect(await citizen.image(oa.photoUrl('svg.jpg'))).not.toContain('Đã nhận 2/5 ảnh');
    expect(await citizen.image(oa.photoUrl('big.jpg'))).toContain('MB');
    await citizen.say('1'); // done
    await citizen.say('1'); // anonymous
    expect(await citizen.say('1')).toMatch(/Mã theo dõi: PA-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    const report = await app.database.db.wasteReport.findFirstOrThrow({ where: { description: { contains: 'Cổng chào' } }, include: { attachments: true } });
    expect([report.latitude, report.longitude]).toEqual([12.0045, 107.6871]);
    // Kept on arrival: Zalo's link may expire, and other platforms need the bytes.
    expect(report.attachments.map((a) => a.channel)).toEqual(['zalo_oa']);
    const kept = await app.database.db.storedFile.findUniqueOrThrow({ where: { id: report.attachments[0]!.fileRef } });
    expect([kept.mimeType, kept.uploadedBy]).toEqual(['image/jpeg', expect.stringMatching(/^zalo_oa:/)]);
    // A link is fetched again only from Zalo's hosts, and only if its bytes are an image.
    expect((await zaloOaOf(app).downloadFile(report.attachments[0]!.fileRef))?.mimeType).toBe('image/jpeg');
    expect((await zaloOaOf(app).downloadFile(oa.photoUrl('p1.jpg')))?.mimeType).toBe('image/jpeg');
    expect(await zaloOaOf(app).downloadFile(oa.photoUrl('svg.jpg'))).toBeNull();
  });

  it('should send a report\'s photo to an official through the OA upload', async () => {
    const report = await app.database.db.wasteReport.findFirstOrThrow({ where: { description: { contains: 'Cổng chào' } }, include: { attachments: true } });
    const attachment = report.attachments[0]!;
    await zaloOaOf(app).sender.send('oa-official', { text: 'Ảnh phản ánh', photos: [{ attachmentId: attachment.id, channel: 'zalo_oa', fileRef: attachment.fileRef }] });
    expect(oa.uploads.at(-1)).toEqual({ size: expect.any(Number), type: 'image/jpeg' });
    expect(oa.messagesTo('oa-official').map((m) => m.attachmentId ?? m.text)).toEqual([expect.stringMatching(/^att/), 'Ảnh phản ánh']);
  });

  describe('webhook attacks', () => {
    const outboxCount = () => app.database.db.outboxMessage.count({ where: { channel: 'zalo_oa', chatId: 'oa-666' } });

    it('should refuse a missing, forged or foreign signature with 401 and store nothing', async () => {
      const attacker = chat('oa-666');
      const event = oa.text('oa-666', '/start');
      expect((await attacker.post(event, { body: JSON.stringify(event), headers: { 'content-type': 'application/json' } })).status).toBe(401);
      expect((await attacker.post(event, oa.sign(event, 'not_the_oa_secret_key'))).status).toBe(401);
      const signed = oa.sign(event);
      // The body changed after signing.
      expect((await attacker.post(event, { ...signed, body: signed.body.replace('/start', '/help') })).status).toBe(401);
      // Another app's event, even signed with our key.
      const foreign: Record<string, unknown> = { ...event, app_id: '999999999' };
      const mac = zaloOaSignature({ appId: '999999999', secretKey: oa.secretKey, rawBody: JSON.stringify(foreign), timestamp: String(foreign.timestamp) });
      expect((await attacker.post(foreign, { body: JSON.stringify(foreign), headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` } })).status).toBe(401);
      expect(await outboxCount()).toBe(0);
      expect(app.logs.some((l) => l.includes('Zalo OA webhook refused'))).toBe(true);
    });

    it('should not let a flood of unsigned requests flood the log', async () => {
      const attacker = chat('oa-666');
      const refusals = () => app.logs.filter((l) => l.includes('Zalo OA webhook refused')).length;
      const before = refusals();
      for (let i = 0; i < 30; i++) {
        const event = oa.text('oa-666', `/start ${i}`);
        expect((await attacker.post(event, { body: JSON.stringify(event), headers: { 'content-type': 'application/json' } })).status).toBe(401);
      }
      expect(refusals() - before).toBeLessThanOrEqual(1);
      expect(await outboxCount()).toBe(0);
    });

    it('should refuse a correctly signed event that is too old (a replay) or from the future', async () => {
      const attacker = chat('oa-666');
      const old = { ...oa.text('oa-666', '/start'), timestamp: String(Date.now() - 301_000) };
      expect((await attacker.post(old)).status).toBe(401);
      const future = { ...oa.text('oa-666', '/start'), timestamp: String(Date.now() + 301_000) };
      expect((await attacker.post(future)).status).toBe(401);
      expect(await outboxCount()).toBe(0);
      // A lost event is seen by an operator: at error level, by its msg_id, without its body.
      const lost = app.logs.filter((l) => l.includes('refused as stale'));
      const msgIdOf = (event: Record<string, unknown>) => (event.message as { msg_id: string }).msg_id;
      expect(lost.map((l) => (JSON.parse(l) as { msgId: string }).msgId)).toEqual([msgIdOf(old), msgIdOf(future)]);
      expect(lost.every((l) => (JSON.parse(l) as { level: number }).level === 50 && !l.includes('/start'))).toBe(true);
    });

    it('should answer 400 to a body that is not an event', async () => {
      const res = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': 'mac=00' }, body: '{"not":' });
      expect(res.status).toBe(400);
    });

    it('should handle an event Zalo delivers twice only once', async () => {
      const citizen = chat('oa-102');
      const event = oa.text('oa-102', '/start');
      expect((await citizen.post(event)).status).toBe(200);
      expect((await citizen.post(event)).status).toBe(200);
      await citizen.waitFor(() => true);
      await new Promise((r) => setTimeout(r, 300));
      expect(citizen.messages).toHaveLength(1);
    });
  });

  it('should fetch and keep a photo Zalo delivers twice only once', async () => {
    const citizen = chat('oa-104');
    await citizen.say('/start');
    const event = oa.image('oa-104', oa.photoUrl('twice.jpg'));
    const kept = () => app.database.db.storedFile.count({ where: { uploadedBy: 'zalo_oa:oa-104' } });
    expect((await citizen.post(event)).status).toBe(200);
    expect(await kept()).toBe(1);
    expect((await citizen.post(event)).status).toBe(200);
    expect(await kept()).toBe(1);
  });

  it('should mark a person who unfollows unreachable, and reachable again when they write', async () => {
    const citizen = chat('oa-103');
    await citizen.say('/start');
    expect((await citizen.post(oa.follow('oa-103', 'unfollow'))).status).toBe(200);
    const identity = () => app.database.db.identity.findFirstOrThrow({ where: { channel: 'zalo_oa', externalId: 'oa-103' } });
    expect((await identity()).status).toBe('unreachable');
    await citizen.say('/help');
    expect((await identity()).status).toBe('active');
  });
});
