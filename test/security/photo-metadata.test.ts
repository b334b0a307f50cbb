import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmins } from '../../src/people/bootstrap-admins.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';
import { tinyJpeg } from '../helpers/tiny-jpeg.js';
import { stripPhotoMetadata } from '../../src/files/strip-photo-metadata.js';

const segment = (marker: number, payload: Buffer) => {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(marker, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};

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
  const plain = tinyJpeg();
  // After the start and before the JFIF header's end, as cameras place it.
  return Buffer.concat([plain.subarray(0, 2), segment(0xffe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, artist])), plain.subarray(2)]);
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

  it('should leave nothing of the owner in the places each format keeps metadata, and the picture whole', () => {
    const owner = Buffer.from(OWNER);
    const plain = tinyJpeg();
    const exif = Buffer.concat([Buffer.from('Exif\0\0II*\0', 'latin1'), owner]);
    const jpeg = (...segments: Buffer[]) => Buffer.concat([plain.subarray(0, 2), ...segments, plain.subarray(2)]);
    const icc = segment(0xffe2, Buffer.from('ICC_PROFILE\0\x01\x01\x00\xff\xe1\x12', 'latin1'));
    // [what, the photo, what is kept: the picture and its colour profile, nothing else]
    const cases: [string, Buffer, Buffer][] = [
      ['JPEG, EXIF after an extended XMP segment', jpeg(segment(0xffe1, Buffer.from('http://ns.adobe.com/xmp/extension/\0xxxx', 'latin1')), segment(0xffe1, exif)), plain],
      ['JPEG, EXIF after a colour profile holding the bytes ff e1', jpeg(icc, segment(0xffe1, exif)), jpeg(icc)],
      ['JPEG, a comment and IPTC', jpeg(segment(0xfffe, Buffer.concat([Buffer.from('Owner: '), owner])), segment(0xffed, Buffer.concat([Buffer.from('Photoshop 3.0\0'), owner]))), plain],
      // A second picture after the first one's end (a depth map, a preview), with its own EXIF.
      ['JPEG, a picture appended', Buffer.concat([plain, jpegWithExif()]), plain],
    ];
    for (const [name, bytes, kept] of cases) expect(stripPhotoMetadata(bytes)?.equals(kept), name).toBe(true);

    const chunk = (type: string, data: Buffer) => {
      const size = Buffer.alloc(4);
      size.writeUInt32LE(data.length);
      return Buffer.concat([Buffer.from(type, 'latin1'), size, data, Buffer.alloc(data.length % 2)]);
    };
    const riff = (...chunks: Buffer[]) => {
      const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks]);
      const size = Buffer.alloc(4);
      size.writeUInt32LE(body.length);
      return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]);
    };
    const picture = chunk('VP8L', Buffer.from('2f0000100710111188887f0700', 'hex'));
    const header = Buffer.alloc(10);
    header[0] = 0x08 | 0x04;
    const webp = stripPhotoMetadata(riff(chunk('VP8X', header), picture, chunk('EXIF', exif), chunk('XMP ', Buffer.concat([Buffer.from('<x:xmpmeta>'), owner]))))!;
    expect(webp.includes(owner)).toBe(false);
    // The extended header no longer announces metadata, and the file's size is its own.
    const flags = webp.readUInt8(webp.indexOf('VP8X') + 8);
    expect(flags & 0x0c).toBe(0);
    expect(webp.readUInt32LE(4)).toBe(webp.length - 8);
    expect(webp.includes(picture)).toBe(true);

    const png = (...chunks: Buffer[]) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
    const pngChunk = (type: string, data: Buffer) => {
      const size = Buffer.alloc(4);
      size.writeUInt32BE(data.length);
      return Buffer.concat([size, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
    };
    const ihdr = pngChunk('IHDR', Buffer.alloc(13, 1));
    const idat = pngChunk('IDAT', Buffer.alloc(20, 2));
    const iend = pngChunk('IEND', Buffer.alloc(0));
    const cleaned = stripPhotoMetadata(png(ihdr, pngChunk('tEXt', Buffer.concat([Buffer.from('Author\0'), owner])), pngChunk('eXIf', exif), idat, iend, Buffer.from('<html>trailing</html>')))!;
    expect(cleaned.equals(png(ihdr, idat, iend))).toBe(true);

    // A photo whose structure breaks off is not kept with what could not be looked at.
    expect(stripPhotoMetadata(jpegWithExif().subarray(0, 30))).toBeNull();
  });
});
