import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';

// A real one-pixel PNG: what the bot keeps of a photo is walked chunk by chunk.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082', 'hex');
const OFFICIAL = 700;

describe.each(providers)('waste reports in the web chat (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, env: { ADMINS: `telegram:${OFFICIAL}` } });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should take a report with photos from the web and show them to the reporter and officials only', async () => {
    const citizen = new WebChatClient(app.url);
    await citizen.say('/phananh');
    await citizen.press('Tổ chức lễ hội');
    await citizen.say('Sân khấu lễ hội dựng xong rồi bỏ đó, không tháo dỡ, rất lãng phí.');
    await citizen.say('Quảng trường trung tâm thành phố Gia Nghĩa');
    const first = await citizen.photo(PNG);
    expect(first.map((m) => m.text).join('\n')).toContain('Đã nhận 1/5 ảnh');

    const notImage = await citizen.upload(Buffer.from('<svg onload=alert(1)>'));
    expect(notImage.status).toBe(415);

    await citizen.press('Xong');
    await citizen.press('Gửi ẩn danh');
    const filed = await citizen.press('Gửi phản ánh');
    const code = /PA-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(filed.map((m) => m.text).join('\n'))![0];

    const tracked = await citizen.say(`/tracuu ${code}`);
    const photo = tracked.flatMap((m) => m.photos ?? [])[0]!;
    expect(photo.channel).toBe('web');
    const own = await citizen.fetchAttachment(photo.attachmentId);
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer())).toEqual(PNG);

    const stranger = new WebChatClient(app.url);
    await stranger.say('/start');
    expect((await stranger.fetchAttachment(photo.attachmentId)).status).toBe(404);

    // An official on Telegram receives the web photo as an upload.
    const official = new TelegramChat(api, OFFICIAL);
    await official.say(`/xl ${code} view`);
    expect(api.photos).toContainEqual({ chatId: String(OFFICIAL), photo: 'upload' });
    expect(official.last.text).toContain('Sân khấu lễ hội');
  });
});
