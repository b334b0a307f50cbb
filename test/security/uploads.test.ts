import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { bootstrapAdmins } from '../../src/people/bootstrap-admins.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';
import { tinyJpeg } from '../helpers/tiny-jpeg.js';

const JPEG = tinyJpeg();
// What an attacker sends as an "image": script that posts /moi with whoever opens it.
const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(\'/api/chat/send\',{method:\'POST\',headers:{\'content-type\':\'application/json\'},body:JSON.stringify({clientMessageId:\'pwned0001\',text:\'/moi official\'})})"><script>alert(document.cookie)</script></svg>',
);
/** A minimal zip holding these entries, as an office file is one. */
function zip(names: string[]): Buffer {
  const parts: Buffer[] = [];
  for (const name of names) {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(name.length, 26);
    parts.push(header, Buffer.from(name, 'latin1'), Buffer.from('<x/>'));
  }
  return Buffer.concat(parts);
}
const text = (messages: { text: string }[]) => messages.map((m) => m.text).join('\n');

describe.each(providers)('uploaded files as an attacker sends them (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({
      databaseUrl: database.url,
      telegram: api,
      env: { WASTE_REPORTS_PER_HOUR: '100', WEB_UPLOAD_MB_PER_VISITOR_DAY: '1', WEB_UPLOADS_AT_ONCE: '2' },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  async function fileReport(chat: TelegramChat, photos: () => Promise<unknown>, kept = true) {
    await chat.say('/phananh');
    await chat.press('Khác');
    await chat.say('Xe công dùng vào việc riêng vào cuối tuần, rất lãng phí.');
    await chat.press('Bỏ qua');
    await photos();
    await chat.press(kept ? 'Xong' : 'Bỏ qua');
    await chat.press('Gửi ẩn danh');
    const filed = await chat.press('Gửi phản ánh');
    return /PA-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text(filed))![0];
  }

  it('should never take an SVG document over 10 MB, sent outside a dialog, as a photo', async () => {
    const attacker = new TelegramChat(api, 9001);
    api.registerFile('svg-big', SVG);
    const answer = await attacker.document('svg-big', 'image/svg+xml', 11 * 1024 * 1024);
    expect(text(answer)).not.toContain('gửi phản ánh lãng phí kèm ảnh này');
    const identity = await app.database.db.identity.findFirstOrThrow({ where: { channel: 'telegram', externalId: '9001' } });
    const conversation = await app.database.db.conversation.findUnique({ where: { identityId: identity.id } });
    expect(conversation?.dataJson ?? '').not.toContain('svg-big');
  });

  it('should never keep an SVG, of any declared size or type, as a report photo', async () => {
    const attacker = new TelegramChat(api, 9002);
    api.registerFile('svg-small', SVG);
    api.registerFile('svg-large', SVG);
    const code = await fileReport(attacker, async () => {
      expect(text(await attacker.document('svg-small', 'image/svg+xml'))).toContain('không phải là ảnh được nhận');
      expect(text(await attacker.document('svg-large', 'image/jpeg', 11 * 1024 * 1024))).not.toContain('Đã nhận');
    }, false);
    const report = await app.database.db.wasteReport.findUniqueOrThrow({ where: { code }, include: { attachments: true } });
    expect(report.attachments).toEqual([]);
  });

  it('should serve attachments with the type their bytes show, sandboxed, never as SVG', async () => {
    const citizen = new TelegramChat(api, 9003);
    api.registerFile('real-jpeg', JPEG);
    api.registerFile('swapped', JPEG);
    const code = await fileReport(citizen, async () => {
      await citizen.photo('real-jpeg');
      await citizen.photo('swapped');
    });
    const report = await app.database.db.wasteReport.findUniqueOrThrow({ where: { code }, include: { attachments: { orderBy: { fileRef: 'asc' } } } });
    const [jpeg, swapped] = report.attachments;
    // A row kept before files were checked, or bytes that changed behind the file id.
    api.registerFile('swapped', SVG);
    await app.database.db.attachment.update({ where: { id: swapped!.id }, data: { mimeType: 'image/svg+xml' } });

    // An administrator on the web chat, made as ADMINS makes one once the visitor exists.
    const official = new WebChatClient(app.url);
    await official.say('/start');
    await bootstrapAdmins(app.database.db, [{ channel: 'web', externalId: official.visitorId! }], new Date());
    const bad = await official.fetchAttachment(swapped!.id);
    expect(bad.status).toBe(200);
    expect(bad.headers.get('content-type')).toBe('application/octet-stream');
    expect(bad.headers.get('x-content-type-options')).toBe('nosniff');
    expect(bad.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+\.bin"$/);
    expect(bad.headers.get('content-security-policy')).toContain('sandbox');
    expect(bad.headers.get('content-security-policy')).toContain("default-src 'none'");

    const good = await official.fetchAttachment(jpeg!.id);
    expect(good.headers.get('content-type')).toBe('image/jpeg');
    expect(good.headers.get('content-disposition')).toMatch(/^inline; filename="[\w.-]+\.jpg"$/);
    expect(good.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await good.arrayBuffer())).toEqual(JPEG);
  });

  const storedBytes = async () => (await app.database.db.storedFile.aggregate({ where: { uploadedBy: { not: null } }, _sum: { sizeBytes: true } }))._sum.sizeBytes ?? 0;

  it('should refuse an upload over the cap while it streams in, and keep nothing', async () => {
    const attacker = new WebChatClient(app.url);
    await attacker.say('/phananh');
    const before = await storedBytes();
    // 25 MB of a "JPEG": the body is refused at the cap, never read whole nor stored.
    const big = Buffer.alloc(25 * 1024 * 1024, 1);
    JPEG.copy(big);
    const res = await attacker.upload(big);
    expect(res.status).toBe(413);
    expect((await res.json()) as object).toMatchObject({ reason: 'size' });
    // Without a length announced up front (chunked), the cap still holds.
    const chunked = await attacker.upload(
      new ReadableStream({
        start(controller) {
          for (let i = 0; i < 25; i++) controller.enqueue(big.subarray(i * 1024 * 1024, (i + 1) * 1024 * 1024));
          controller.close();
        },
      }) as BodyInit,
    );
    expect(chunked.status).toBe(413);
    expect(await storedBytes()).toBe(before);
  });

  it('should refuse SVG, pages and the old base64 JSON body, and keep nothing', async () => {
    const attacker = new WebChatClient(app.url);
    await attacker.say('/phananh');
    const before = await app.database.db.storedFile.count();
    for (const body of [SVG, Buffer.from('<!doctype html><script>alert(1)</script>'), Buffer.from('GIF89a....')]) {
      const res = await attacker.upload(body);
      expect(res.status).toBe(415);
      expect((await res.json()) as object).toMatchObject({ reason: 'type' });
    }
    const json = await attacker.upload(JSON.stringify({ clientMessageId: 'oldstyle01', dataBase64: JPEG.toString('base64') }), { contentType: 'application/json' });
    expect(json.status).toBe(415);
    expect(await app.database.db.storedFile.count()).toBe(before);
  });

  it('should keep an upload only when a dialog takes it, and sweep what no one refers to', async () => {
    const visitor = new WebChatClient(app.url);
    await visitor.say('/start');
    await visitor.say('/huy');
    // Outside a dialog a photo offers a report: the dialog holds it, so it is kept for now.
    const offered = await visitor.photo(tinyJpeg({ fill: 0x6f }));
    expect(text(offered)).toContain('gửi phản ánh lãng phí kèm ảnh này');
    const held = await app.database.db.storedFile.findMany({ where: { uploadedBy: `web:${visitor.visitorId!}` } });
    expect(held).toHaveLength(1);
    // A PDF where a photo is asked for is refused by the dialog, and not kept.
    await visitor.say('/huy');
    await visitor.say('/phananh');
    await visitor.press('Khác');
    await visitor.say('Đèn đường bật sáng cả ban ngày ở khu phố, rất lãng phí.');
    await visitor.press('Bỏ qua');
    const pdf = await visitor.photo(Buffer.from('%PDF-1.7\n%%EOF\n'), 'bien-ban.pdf');
    expect(text(pdf)).toContain('không phải là ảnh được nhận');
    expect(await app.database.db.storedFile.count({ where: { id: { notIn: held.map((f) => f.id) }, uploadedBy: { not: null }, mimeType: 'application/pdf' } })).toBe(0);
    // The cancelled dialog no longer holds the first photo: after the grace period it is swept.
    await app.pruneFiles();
    expect(await app.database.db.storedFile.count({ where: { id: held[0]!.id } })).toBe(1);
    await app.database.db.storedFile.update({ where: { id: held[0]!.id }, data: { createdAt: new Date(Date.now() - 2 * 3_600_000) } });
    await app.pruneFiles();
    expect(await app.database.db.storedFile.count({ where: { id: held[0]!.id } })).toBe(0);
  });

  it('should hold each visitor to a daily quota', async () => {
    const greedy = new WebChatClient(app.url);
    await greedy.say('/start');
    const photo = (i: number) => tinyJpeg({ size: 300 * 1024, fill: i });
    await greedy.say('/phananh');
    await greedy.press('Khác');
    await greedy.say('Trụ sở mới xây nhưng bỏ trống nhiều năm, rất lãng phí.');
    await greedy.press('Bỏ qua');
    for (let i = 1; i <= 3; i++) expect(text(await greedy.photo(photo(i)))).toContain(`Đã nhận ${i}/5 ảnh`);
    const refused = await greedy.upload(photo(4));
    expect(refused.status).toBe(429);
    expect((await refused.json()) as object).toMatchObject({ reason: 'visitor-quota' });
    // Someone else is not held to it.
    const other = new WebChatClient(app.url);
    await other.say('/start');
    expect((await other.upload(photo(5))).status).toBe(200);
  });

  it('should receive one upload at a time from an address and answer the rest "busy", without holding their bodies', async () => {
    const visitor = new WebChatClient(app.url);
    await visitor.say('/start');
    const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
    // A slow sender that never finishes, as a flood of concurrent uploads would start.
    const slow = [0].map(() =>
      visitor.upload(
        new ReadableStream<Uint8Array>({
          start(controller) {
            streams.push(controller);
            controller.enqueue(new Uint8Array(64 * 1024).fill(7));
          },
        }) as BodyInit,
      ),
    );
    let third: Response | undefined;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      third = await visitor.upload(Buffer.from('not a picture at all'));
      if (third.status === 503) break;
      await third.arrayBuffer();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(third!.status).toBe(503);
    expect(third!.headers.get('retry-after')).toBeTruthy();
    expect((await third!.json()) as object).toMatchObject({ reason: 'busy' });
    for (const stream of streams) stream.close();
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([415]);
    // Its place is free again.
    expect((await visitor.upload(Buffer.from('still not a picture'))).status).toBe(415);
  });

  it('should take a real Word file as evidence from the web chat, and refuse a disguised one', async () => {
    const unit = await app.database.db.unit.findFirstOrThrow({ where: { code: 'SO_TC' } });
    const invite = await app.database.db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: new Date() }));
    const contact = new WebChatClient(app.url);
    await contact.say(`/start ${invite.code}`);
    await contact.say('/capnhat');
    await contact.press('Thu ngân sách nhà nước trên địa bàn');
    await contact.press('Năm 2026');
    await contact.say('18.500 tỷ');
    await contact.press('Bỏ qua');
    const disguised = [Buffer.from('<html><script>alert(1)</script></html>'), zip(['[Content_Types].xml', 'evil.html'])];
    for (const body of disguised) expect((await contact.upload(body, { name: 'bien-ban.docx' })).status).toBe(415);
    const docx = zip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(text(await contact.photo(docx, 'biên bản họp.docx'))).toContain('Có minh chứng kèm theo');
    expect(text(await contact.press('Lưu'))).toContain('Đã lưu số liệu');
    const latest = await app.database.db.progressUpdate.findFirstOrThrow({ where: { supersededAt: null, unitId: unit.id }, include: { attachments: true }, orderBy: { createdAt: 'desc' } });
    expect(latest.attachments.map((a) => [a.channel, a.mimeType])).toEqual([['web', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']]);
    // Kept, since the figure refers to it: the sweep leaves it.
    await app.database.db.storedFile.updateMany({ where: { id: latest.attachments[0]!.fileRef }, data: { createdAt: new Date(Date.now() - 2 * 3_600_000) } });
    await app.pruneFiles();
    expect(await app.database.db.storedFile.count({ where: { id: latest.attachments[0]!.fileRef } })).toBe(1);
  });
});
