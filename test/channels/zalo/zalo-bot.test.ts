import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotCore } from '../../../src/bot/bot-core.js';
import { ZaloChannel } from '../../../src/channels/zalo/zalo-channel.js';
import { createTranslator } from '../../../src/i18n/create-translator.js';
import { createInvite } from '../../../src/invites/create-invite.js';
import { createRenderReply } from '../../../src/outbox/render-reply.js';
import { traitsOf } from '../../../src/channels/all-channels.js';
import type { TCycle } from '../../../src/cycles/cycle-periods.js';
import { queueReminder } from '../../../src/scheduler/run-reminder-sweep.js';
import { createLogger } from '../../../src/logger.js';
import type { Db } from '../../../src/store/db.js';
import { FakeTelegramApi } from '../../helpers/fake-telegram-api.js';
import { FakeZaloApi, ZaloChat } from '../../helpers/fake-zalo-api.js';
import { FAKE_JPEG } from '../../helpers/fake-zalo-oa-api.js';
import { startTestApp, telegramOf, type TestApp } from '../../helpers/start-test-app.js';
import { TelegramChat } from '../../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../../helpers/test-database.js';

const SECRET = 'zalo_webhook_secret_123456';

describe.each(providers)('the bot on Zalo, polling (%s)', (provider) => {
  let zalo: FakeZaloApi;
  let telegram: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    zalo = await new FakeZaloApi().start();
    telegram = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({
      databaseUrl: database.url,
      telegram,
      env: { ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.url, ZALO_PHOTO_HOSTS: '127.0.0.1', ADMINS: 'zalo:official-1' },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await zalo?.stop();
    await telegram?.stop();
    await database?.drop();
  });

  it('should check the token with getMe first and log the bot\'s name, never the token', () => {
    expect(zalo.calls[0]?.method).toBe('getMe');
    const line = app.logs.find((l) => l.includes('Zalo bot token accepted'));
    expect(line).toContain('bot.ThiDuaDakNong');
    expect(app.logs.some((l) => l.includes(zalo.token) || l.includes(zalo.token.split(':')[1]!))).toBe(false);
    // Polling outside production is fine: no warning.
    expect(app.logs.some((l) => l.includes('recommends the webhook'))).toBe(false);
  });

  it('should render choices as a numbered list and take the number or the words', async () => {
    const citizen = new ZaloChat(zalo, 'z-100');
    const hello = await citizen.say('/start');
    expect(hello).toContain('1. Tiếng Việt\n2. English\n(Trả lời bằng số thứ tự)');
    expect(await citizen.say('1')).toContain('Bạn tham gia với tư cách nào?');
    const done = await citizen.say('người dân');
    expect(done).toContain('Cảm ơn bạn đã đồng hành');
    expect(done).toMatch(/\d\. 📢 Phản ánh lãng phí/);
  });

  it('should take the answer to "leave the dialog?" by its number, as the question it is', async () => {
    const citizen = new ZaloChat(zalo, 'z-109');
    await citizen.say('/start');
    await citizen.say('1');
    expect(await citizen.say('người dân')).toMatch(/\d\. 📢 Phản ánh lãng phí/);
    await citizen.say('/phananh');
    // A menu item's words, typed in the middle of a report, ask before the draft is left.
    const asked = await citizen.say('Phản ánh lãng phí');
    expect(asked).toContain('Bạn đang làm dở một việc');
    const stay = /(\d)\. ↩️ Làm tiếp việc đang dở/.exec(asked)![1]!;
    // "Carry on" shows the question the report was at, not the answer to it.
    const again = await citizen.say(stay);
    expect(again).toContain('Lãng phí thuộc lĩnh vực nào?');
    expect(again).not.toContain('Hãy mô tả sự việc');
    await citizen.say('Phản ánh lãng phí');
    expect(await citizen.say(/(\d)\. ➡️ Chuyển sang việc mới/.exec(zalo.messagesTo('z-109').at(-1)!.text)![1]!)).toContain('Phản ánh đang viết dở chưa được gửi');
  });

  it('should take a full waste report with a photo over Zalo', async () => {
    const citizen = new ZaloChat(zalo, 'z-101');
    const categories = await citizen.say('/phananh');
    const n = /(\d+)\. Tổ chức lễ hội/.exec(categories)![1]!;
    await citizen.say(n);
    await citizen.say('Cổng chào lễ hội dựng bằng ngân sách rồi bỏ hoang bên quốc lộ 14.');
    const place = zalo.messagesTo('z-101').at(-1)!.text;
    expect(place).not.toContain('gửi vị trí'); // the Zalo Bot API sends no locations
    const list = await citizen.say(/(\d)\. Chọn trong danh sách/.exec(place)![1]!);
    await citizen.say(/(\d+)\. Krông Nô/.exec(list)![1]!);
    // A link to anywhere but Zalo's image hosts is not fetched, nor is what is not an image.
    expect(await citizen.image('https://evil.example/photo.jpg')).not.toContain('Đã nhận');
    expect(await citizen.image(zalo.photoUrl('photo.svg'))).not.toContain('Đã nhận');
    expect(await citizen.image(zalo.photoUrl('photo1.jpg'))).toContain('Đã nhận 1/5 ảnh');
    await citizen.say('1'); // Xong
    await citizen.say('1'); // anonymous
    const filed = await citizen.say('1'); // send
    expect(filed).toMatch(/Mã theo dõi: PA-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    const report = await app.database.db.wasteReport.findFirstOrThrow({ where: { description: { contains: 'Cổng chào' } }, include: { attachments: true } });
    // The photo is kept on arrival, as a web upload is: Zalo's link may expire, and officials
    // on other platforms and the web chat need the bytes.
    const [attachment] = report.attachments;
    expect(attachment?.channel).toBe('zalo');
    const kept = await app.database.db.storedFile.findUniqueOrThrow({ where: { id: attachment!.fileRef } });
    expect([kept.mimeType, kept.uploadedBy, Buffer.from(kept.data).equals(FAKE_JPEG)]).toEqual(['image/jpeg', 'zalo:z-101', true]);
    expect((await app.channels.find((c) => c.name === 'zalo')!.downloadFile!(attachment!.fileRef))?.mimeType).toBe('image/jpeg');
    // An official on Telegram gets the photo itself.
    await telegramOf(app).sender.send('tg-official', { text: 'Ảnh phản ánh', photos: [{ attachmentId: attachment!.id, channel: 'zalo', fileRef: attachment!.fileRef }] });
    expect(telegram.photos).toContainEqual({ chatId: 'tg-official', photo: 'upload' });
  });

  it('should let a unit contact give a figure over Zalo', async () => {
    const unit = await app.database.db.unit.findFirstOrThrow({ where: { code: 'H_CU_JUT' } });
    const code = (await app.database.db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: new Date() }))).code;
    const contact = new ZaloChat(zalo, 'z-200');
    expect(await contact.say(`/start ${code}`)).toContain('UBND huyện Cư Jút');
    const criteria = await contact.say('/capnhat');
    await contact.say(/(\d+)\. Giải ngân kế hoạch vốn đầu tư công/.exec(criteria)![1]!);
    await contact.say('2'); // the year
    expect(await contact.say('abc')).toContain('Chưa đọc được tỉ lệ');
    await contact.say('92,5%');
    await contact.say('1'); // skip the note
    await contact.say('1'); // skip evidence
    expect(await contact.say('1')).toContain('92,5% — ⏳ chưa đạt chỉ tiêu');
  });

  it('should let "2" answer the dialog\'s question when a reminder arrives mid-dialog, and take the reminder\'s words', async () => {
    const unit = await app.database.db.unit.findFirstOrThrow({ where: { code: 'H_DAK_MIL' } });
    const code = (await app.database.db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: new Date() }))).code;
    const contact = new ZaloChat(zalo, 'z-250');
    await contact.say(`/start ${code}`);
    const criteria = await contact.say('/capnhat');
    const years = await contact.say(/(\d+)\. Giải ngân kế hoạch vốn đầu tư công/.exec(criteria)![1]!);
    expect(years).toMatch(/\n2\. /);
    const render = createRenderReply(createTranslator(), traitsOf);
    const cycle = { code: 'QUARTERLY', kind: 'quarterly_progress', nameVi: 'Cập nhật tiến độ quý', nameEn: 'Quarterly progress', appliesTo: ['H_DAK_MIL'], ladder: [] } as unknown as TCycle;
    const due = { year: 2026, month: 12, day: 31 };
    await queueReminder({ db: app.database.db, render, defaultLocale: 'vi' }, { cycle, period: '2026-Q4', due, rung: 'd-7', daysLeft: 7, unit, now: new Date() });
    const reminder = await contact.waitFor((m) => m.text.includes('⏰ Nhắc lại ngày mai'));
    expect(reminder.text).toMatch(/\n2\. ⏰ Nhắc lại ngày mai/);
    // "2" picks the second year of the dialog's question, not "remind me tomorrow".
    const next = await contact.say('2');
    expect(next).not.toContain('Đã hoãn');
    expect(await contact.say('abc')).toContain('Chưa đọc được tỉ lệ');
    // The reminder's choices still answer to their words, and leave the dialog where it was.
    expect(await contact.say('nhắc lại ngày mai')).toContain('Đã hoãn. Bot sẽ nhắc lại lúc');
    expect(await contact.say('abc')).toContain('Chưa đọc được tỉ lệ');
  });

  it('should split texts longer than 2,000 characters at line breaks', async () => {
    const official = new ZaloChat(zalo, 'official-1');
    const long = 'Nội dung phản ánh rất dài về việc lãng phí. '.repeat(80);
    const citizen = new ZaloChat(zalo, 'z-102');
    await citizen.say('/phananh');
    await citizen.say('1');
    const place = await citizen.say(long);
    await citizen.say(/(\d)\. Bỏ qua/.exec(place)![1]!);
    await citizen.say('1'); // no photos
    await citizen.say('1');
    const code = /PA-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(await citizen.say('1'))![0];
    const before = zalo.messagesTo('official-1').length;
    await official.say(`/xl ${code} view`);
    const parts = zalo.messagesTo('official-1').slice(before);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => [...p.text].length <= 2000)).toBe(true);
    expect(parts.map((p) => p.text).join('\n')).toContain(long.trim().slice(0, 500));
    expect(parts.at(-1)!.text).toContain('1. 🔍 Xác minh');
  });

  it('should give an official the year summary over Zalo, within Zalo\'s limits', async () => {
    const official = new ZaloChat(zalo, 'official-1');
    const before = zalo.messagesTo('official-1').length;
    const summary = await official.say('/tonghop');
    expect(summary).toMatch(/📊 Tổng hợp năm \d{4} — toàn tỉnh/);
    // Disbursement is a mean weighted by each unit's capital plan: a figure without its plan is
    // counted as reported, not averaged as if every unit weighed the same.
    expect(summary).toContain('Giải ngân kế hoạch vốn đầu tư công được giao: 1 đơn vị đã báo cáo; 1 đơn vị chưa báo cáo số liệu dùng làm trọng số');
    expect(summary).toContain('Phản ánh của người dân trong năm');
    expect(zalo.messagesTo('official-1').slice(before).every((m) => [...m.text].length <= 2000)).toBe(true);
  });

  it('should tell an official on Zalo, which cannot send files, where to get the workbook', async () => {
    const official = new ZaloChat(zalo, 'official-1');
    expect(await official.say('/xuat')).toContain('Đang lập bảng tính Excel');
    const ready = await official.waitFor((m) => m.text.startsWith('📤 Số liệu năm'), 30_000);
    expect(ready.text).toContain('Zalo không gửi được tệp');
    expect(zalo.chatActions).toContainEqual({ chatId: 'official-1', action: 'typing' });
  });

  it('should link a Telegram and a Zalo account with a one-time code', async () => {
    const unit = await app.database.db.unit.findFirstOrThrow({ where: { code: 'SO_XD' } });
    const invite = (await app.database.db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: new Date() }))).code;
    const onTelegram = new TelegramChat(telegram, 4242);
    await onTelegram.say(`/start ${invite}`);
    const shown = TelegramChat.text(await onTelegram.say('/lienket'));
    const linkCode = /LK-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(shown)![0];
    const onZalo = new ZaloChat(zalo, 'z-400');
    expect(await onZalo.say('/capnhat')).toContain('dành cho cán bộ được phân quyền');
    expect(await onZalo.say(`/lienket ${linkCode.toLowerCase()}`)).toContain('Tài khoản kia cũng sẽ được hỏi xác nhận');
    expect(await onZalo.say('1')).toContain('Đã ghi nhận');
    await onTelegram.waitFor((m) => m.text.includes('Tài khoản Zalo mang tên'));
    expect(TelegramChat.text(await onTelegram.press('Xác nhận liên kết'))).toContain('Đã liên kết');
    await onZalo.waitFor((m) => m.text.includes('Đã liên kết'));
    expect(await onZalo.say('/capnhat')).toContain('Chọn tiêu chí cần cập nhật');
    expect(await new ZaloChat(zalo, 'z-401').say(`/lienket ${linkCode}`)).toContain('đã hết hạn hoặc đã được dùng');
  });
});

describe('the bot on Zalo, webhook mode', () => {
  let zalo: FakeZaloApi;
  let database: TestDatabase;
  let app: TestApp;
  const post = (body: unknown, secret?: string) =>
    fetch(`${app.url}/zalo/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    zalo = await new FakeZaloApi().start();
    database = await createEmptyDatabase('sqlite');
    app = await startTestApp({
      databaseUrl: database.url,
      env: { ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.url, ZALO_WEBHOOK_URL: 'https://bot.example.gov.vn/zalo/webhook', ZALO_WEBHOOK_SECRET: SECRET },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await zalo?.stop();
    await database?.drop();
  });

  it('should register the webhook and not poll', () => {
    expect(zalo.calls[0]?.method).toBe('getMe');
    expect(zalo.calls.find((c) => c.method === 'setWebhook')?.body).toEqual({ url: 'https://bot.example.gov.vn/zalo/webhook', secret_token: SECRET });
    expect(zalo.calls.some((c) => c.method === 'getUpdates')).toBe(false);
  });

  it('should reject a wrong or missing secret and process nothing', async () => {
    expect((await post(zalo.buildText('w-1', '/start'))).status).toBe(401);
    expect((await post(zalo.buildText('w-1', '/start'), 'zalo_webhook_secret_123457')).status).toBe(401);
    expect(await app.database.db.processedUpdate.count()).toBe(0);
  });

  it('should accept wrapped and bare bodies, and a re-delivered one once', async () => {
    const wrapped = zalo.buildText('w-2', '/trogiup');
    expect((await post({ ok: true, result: wrapped }, SECRET)).status).toBe(200);
    expect((await post(wrapped, SECRET)).status).toBe(200);
    expect((await post(zalo.buildText('w-2', '/ngonngu en'), SECRET)).status).toBe(200);
    for (let i = 0; i < 100 && zalo.messagesTo('w-2').length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    const texts = zalo.messagesTo('w-2').map((m) => m.text);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('Các lệnh bạn có thể dùng');
    expect(texts[1]).toBe('Switched to English.');
    expect(texts[2]).toContain('What would you like to do next?');
  });
});

describe('the bot on Zalo, starting', () => {
  let zalo: FakeZaloApi;
  beforeAll(async () => {
    zalo = await new FakeZaloApi().start();
  });
  afterAll(async () => {
    await zalo?.stop();
  });

  it('should refuse to start with a token Zalo does not accept, naming the setting', async () => {
    const logs: string[] = [];
    const logger = createLogger({ level: 'info', secrets: [], destination: { write: (line) => void logs.push(line) } });
    const channel = new ZaloChannel({ token: 'wrong_token_0123456789', apiRoot: zalo.url, core: {} as BotCore, db: {} as Db, logger, photoHosts: [], loadStoredFile: async () => null, uploadQuota: { visitorBytesPerDay: 0, totalBytes: 0 }, clock: { now: () => new Date() } });
    await expect(channel.start()).rejects.toThrow(/ZALO_BOT_TOKEN was refused/);
    expect(logs.join('\n')).not.toContain('wrong_token_0123456789');
  });

  it('should warn when polling with NODE_ENV=production, as Zalo recommends the webhook there', async () => {
    const database = await createEmptyDatabase('sqlite');
    const app = await startTestApp({ databaseUrl: database.url, env: { ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.url, NODE_ENV: 'production' } });
    try {
      expect(app.logs.some((l) => l.includes('Zalo recommends the webhook in production'))).toBe(true);
    } finally {
      await app.stop();
      await database.drop();
    }
  });
});
