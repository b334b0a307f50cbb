import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmins } from '../../src/people/bootstrap-admins.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';

const OWNER = 'Nguyen Van Reporter';

/** A JPEG whose EXIF names its owner (the Artist tag), as a phone set up with a name writes it. */
function jpegWithExif(): Buffer {
  const artist = Buffer.from(`${OWNER}\0`, 'latin1');
  const tiff = Buffer.alloc(26);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x013b, 10); // Artist
  tiff.writeUInt16LE(2, 12); // ASCII
  tiff.writeUInt32LE(artist.length, 14);
  tiff.writeUInt32LE(tiff.length, 18);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, artist]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, payload, Buffer.from([0xff, 0xdb, 0x00, 0x04, 0, 0]), Buffer.alloc(64), Buffer.from([0xff, 0xd9])]);
}
const text = (messages: { text: string }[]) => messages.map((m) => m.text).join('\n');

/**
 * An anonymous reporter's photo, sent as a file on Telegram (uncompressed) or posted to the web
 * chat's upload directly, carries what the camera wrote: where, when, the phone, its owner.
 */
describe('security: what a reporter\'s camera wrote into a photo', () => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let official: WebChatClient;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase('sqlite');
    app = await startTestApp({ databaseUrl: database.url, telegram: api });
    official = new WebChatClient(app.url);
    await official.say('/start');
    await bootstrapAdmins(app.database.db, [{ channel: 'web', externalId: official.visitorId! }], new Date());
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('should not show officials the owner\'s name from a photo sent as a Telegram file', async () => {
    const citizen = new TelegramChat(api, 7001);
    const jpeg = jpegWithExif();
    api.registerFile('exif-doc', jpeg);
    await citizen.say('/phananh');
    await citizen.press('Khác');
    await citizen.say('Xe công dùng vào việc riêng vào cuối tuần, rất lãng phí.');
    await citizen.press('Bỏ qua');
    expect(text(await citizen.document('exif-doc', 'image/jpeg', jpeg.length))).toContain('Đã nhận');
    await citizen.press('Xong');
    await citizen.press('Gửi ẩn danh');
    const code = /PA-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text(await citizen.press('Gửi phản ánh')))![0];
    const report = await app.database.db.wasteReport.findUniqueOrThrow({ where: { code }, include: { attachments: true } });

    const res = await official.fetchAttachment(report.attachments[0]!.id);
    expect(res.status).toBe(200);
    const served = Buffer.from(await res.arrayBuffer());
    expect(served.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(served.includes(Buffer.from(OWNER))).toBe(false);
    expect(served.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
  });

  it('should keep a photo posted straight to the web chat\'s upload without its metadata', async () => {
    const citizen = new WebChatClient(app.url);
    await citizen.say('/phananh');
    await citizen.press('Khác');
    await citizen.say('Máy lạnh phòng họp chạy suốt đêm không có ai, tuần nào cũng vậy.');
    await citizen.press('Bỏ qua');
    await citizen.photo(jpegWithExif());
    const kept = await app.database.db.storedFile.findMany({ where: { uploadedBy: { startsWith: 'web:' } } });
    expect(kept).toHaveLength(1);
    expect(Buffer.from(kept[0]!.data).includes(Buffer.from(OWNER))).toBe(false);
  });
});
