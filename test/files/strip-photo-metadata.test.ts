import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripPhotoMetadata } from '../../src/files/strip-photo-metadata.js';
import { tinyJpeg } from '../helpers/tiny-jpeg.js';

const PLANT = Buffer.from('PLANTED_OWNER_MARK');
const segment = (marker: number, payload: Buffer) => {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(marker, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};
/** A minimal big-endian TIFF with IFD0 Artist = PLANT; exiftool reads it. */
function exifPayload(): Buffer {
  const artist = Buffer.concat([PLANT, Buffer.from([0])]);
  const tiff = Buffer.alloc(26);
  tiff.write('MM\0*', 0, 'latin1');
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x013b, 10);
  tiff.writeUInt16BE(2, 12);
  tiff.writeUInt32BE(artist.length, 14);
  tiff.writeUInt32BE(26, 18);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, artist]);
}
const app1 = () => segment(0xffe1, exifPayload());
const plain = tinyJpeg();
const jpeg = (...segments: Buffer[]) => Buffer.concat([plain.subarray(0, 2), ...segments, plain.subarray(2)]);
const leaks = (out: Buffer | null) => out !== null && out.includes(PLANT);

/**
 * A marker byte that exiftool and libjpeg take as standalone (0x00, a second SOI 0xd8, 0x30..0x3f,
 * 0x4f, 0x92) is read by the walker as a segment with a length: the two bytes after it, which
 * are the next marker (ff e1 = 65505). The walker then copies 65505 bytes blindly, among them a
 * real APP1 that exiftool reads. With 0x00 the file still decodes in Chromium (libjpeg skips
 * "ff 00" before a marker as garbage).
 */
function hiddenBehindStandalone(standalone: number): Buffer {
  const exif = app1();
  const span = 0xffe1; // what the walker reads as the fake segment's length
  const fillerLength = span - exif.length; // the fake segment's bytes after its length word: the APP1 (its ff e1 was the length), then this
  const filler = segment(0xfffe, Buffer.alloc(fillerLength - 4, 0x20));
  return Buffer.concat([plain.subarray(0, 2), Buffer.from([0xff, standalone]), exif, filler, plain.subarray(2)]);
}

describe('stripPhotoMetadata on photos crafted to keep their metadata', () => {
  for (const standalone of [0x00, 0xd8, 0x30, 0x4f, 0x92]) {
    it(`should not keep EXIF hidden behind a marker with no length, ff ${standalone.toString(16).padStart(2, '0')}`, () => {
      expect(leaks(stripPhotoMetadata(hiddenBehindStandalone(standalone)))).toBe(false);
    });
  }
  it('should not keep EXIF hidden behind "ff ff 00" (a stuffed 0xff after a fill byte) in the scan', () => {
    const exif = app1();
    const eoi = plain.length - 2;
    const head = Buffer.concat([plain.subarray(0, eoi), Buffer.from([0xff, 0xff, 0x00])]);
    const filler = segment(0xfffe, Buffer.alloc(0xffe1 - exif.length - 4, 0x20));
    expect(leaks(stripPhotoMetadata(Buffer.concat([head, exif, filler, Buffer.from([0xff, 0xd9])])))).toBe(false);
  });
  it('should not keep a JFXX thumbnail (APP0) that is itself a JPEG with EXIF', () => {
    expect(leaks(stripPhotoMetadata(jpeg(segment(0xffe0, Buffer.concat([Buffer.from('JFXX\0\x10', 'latin1'), jpeg(app1())])))))).toBe(false);
  });
  it('should not keep C2PA / JUMBF in APP11 (Content Credentials: author, GPS assertions)', () => {
    expect(leaks(stripPhotoMetadata(jpeg(segment(0xffeb, Buffer.concat([Buffer.from('JP\0\x01\0\0\0\x01', 'latin1'), PLANT])))))).toBe(false);
  });
  it('should not keep APP12 Ducky (Photoshop Save for Web: copyright, comment) nor APP6 (GoPro GPMF GPS)', () => {
    expect(leaks(stripPhotoMetadata(jpeg(segment(0xffec, Buffer.concat([Buffer.from('Ducky\0\0\0\0\0', 'latin1'), PLANT])))))).toBe(false);
    expect(leaks(stripPhotoMetadata(jpeg(segment(0xffe6, Buffer.concat([Buffer.from('GoPro\0', 'latin1'), PLANT])))))).toBe(false);
  });

  const pngChunk = (type: string, data: Buffer) => {
    const size = Buffer.alloc(4);
    size.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([size, body, crc]);
  };
  const png = (...chunks: Buffer[]) =>
    Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', Buffer.from('00000001000000010800000000', 'hex')), ...chunks, pngChunk('IDAT', Buffer.from('789c636000000002000185', 'hex')), pngChunk('IEND', Buffer.alloc(0))]);
  it('should not keep XMP in a PNG tXMP chunk nor C2PA in caBX', () => {
    expect(leaks(stripPhotoMetadata(png(pngChunk('tXMP', Buffer.concat([Buffer.from('<x:xmpmeta><dc:creator>'), PLANT])))))).toBe(false);
    expect(leaks(stripPhotoMetadata(png(pngChunk('caBX', PLANT))))).toBe(false);
  });

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
  it('should not keep a WebP LIST/INFO chunk (IART artist) nor a C2PA chunk', () => {
    expect(leaks(stripPhotoMetadata(riff(picture, chunk('LIST', Buffer.concat([Buffer.from('INFO'), chunk('IART', PLANT)])))))).toBe(false);
    expect(leaks(stripPhotoMetadata(riff(picture, chunk('C2PA', PLANT))))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** Scan data: random bytes, each 0xff followed by 0x00 or a restart marker, as encoders write it. */
const scanData = fc.uint8Array({ maxLength: 300 }).chain((bytes) =>
  fc.array(fc.constantFrom(0x00, 0xd0, 0xd3, 0xd7), { minLength: bytes.length, maxLength: bytes.length }).map((after) => {
    const out: number[] = [];
    bytes.forEach((b, i) => (b === 0xff ? out.push(0xff, after[i]!) : out.push(b)));
    return Buffer.from(out);
  }),
);
const benignSegment = fc
  .tuple(fc.constantFrom(0xe0, 0xe2, 0xee, 0xdb, 0xc4, 0xdd, 0xc0, 0xc2), fc.uint8Array({ maxLength: 60 }))
  .map(([m, p]) => segment(0xff00 | m, Buffer.from(p)));
const metaSegment = fc
  .constantFrom(0xe1, 0xed, 0xfe)
  .map((m) => (m === 0xe1 ? app1() : segment(0xff00 | m, Buffer.concat([Buffer.from('Photoshop 3.0\0'), PLANT]))));
const fill = fc.nat({ max: 3 }).map((n) => Buffer.alloc(n, 0xff));
const sos = Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]);
/** A JPEG, progressive or not: header segments, then scans with tables between them, metadata anywhere. */
const jpegArb = fc
  .tuple(
    fc.array(fc.oneof(benignSegment, metaSegment), { maxLength: 6 }),
    fc.array(fc.tuple(fc.array(fc.oneof(benignSegment, metaSegment), { maxLength: 3 }), scanData, fill), { minLength: 1, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([head, scans, appended]) =>
    Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      ...head,
      ...scans.flatMap(([tables, data, f]) => [...tables, f, sos, data]),
      Buffer.from([0xff, 0xd9]),
      ...(appended ? [jpeg(app1())] : []),
    ]),
  );

const mutate = (base: fc.Arbitrary<Buffer>) =>
  fc.tuple(base, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 }), fc.constantFrom('set', 'insert', 'delete', 'truncate')), { maxLength: 4 })).map(([b, edits]) => {
    let out = Buffer.from(b);
    for (const [at, v, op] of edits) {
      const i = out.length ? at % out.length : 0;
      if (op === 'set' && out.length) out[i] = v;
      else if (op === 'insert') out = Buffer.concat([out.subarray(0, i), Buffer.from([v]), out.subarray(i)]);
      else if (op === 'delete') out = Buffer.concat([out.subarray(0, i), out.subarray(i + 1)]);
      else out = out.subarray(0, i);
    }
    return out;
  });

const pngArb = fc
  .array(fc.tuple(fc.constantFrom('tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'IDAT', 'gAMA', 'pHYs'), fc.uint8Array({ maxLength: 40 })), { maxLength: 6 })
  .map((chunks) => {
    const parts = chunks.map(([t, d]) => {
      const data = ['tEXt', 'zTXt', 'iTXt', 'eXIf'].includes(t) ? Buffer.concat([Buffer.from(d), PLANT]) : Buffer.from(d);
      const size = Buffer.alloc(4);
      size.writeUInt32BE(data.length);
      return Buffer.concat([size, Buffer.from(t, 'latin1'), data, Buffer.alloc(4)]);
    });
    return Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(17), ...parts, Buffer.from('0000000049454e44ae426082', 'hex'), Buffer.from('tEXt'), PLANT]);
  });
const webpArb = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom('VP8X', 'VP8L', 'VP8 ', 'ALPH', 'ICCP', 'EXIF', 'XMP '), fc.uint8Array({ maxLength: 41 })), { maxLength: 6 }), fc.integer({ min: -3, max: 3 }))
  .map(([chunks, skew]) => {
    const parts = chunks.map(([t, d]) => {
      const data = t === 'EXIF' || t === 'XMP ' ? Buffer.concat([Buffer.from(d), PLANT]) : Buffer.from(d);
      const size = Buffer.alloc(4);
      size.writeUInt32LE(data.length);
      return Buffer.concat([Buffer.from(t, 'latin1'), size, data, Buffer.alloc(data.length % 2)]);
    });
    const body = Buffer.concat([Buffer.from('WEBP'), ...parts]);
    const head = Buffer.from('RIFF\0\0\0\0', 'latin1');
    head.writeUInt32LE(Math.max(0, body.length + skew), 4);
    return Buffer.concat([head, body, Buffer.from('EXIF'), PLANT]);
  });

const safe = (b: Buffer) => {
  let out: unknown;
  expect(() => (out = stripPhotoMetadata(b))).not.toThrow();
  expect(out === null || Buffer.isBuffer(out)).toBe(true);
  return out as Buffer | null;
};

describe('stripPhotoMetadata properties', () => {
  it('should never throw on any bytes (random, and random after each format signature)', () => {
    const prefixes = [Buffer.alloc(0), Buffer.from([0xff, 0xd8]), Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('RIFF\0\0\0\0WEBP', 'latin1')];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 200 }), fc.boolean(), (p, rest, webSize) => {
        const b = Buffer.concat([p, Buffer.from(rest)]);
        if (webSize && p.length === 12) b.writeUInt32LE(Math.max(4, b.length - 8), 4);
        safe(b);
        // also through a Uint8Array view at an offset into a larger buffer
        const big = new Uint8Array(b.length + 7);
        big.set(b, 7);
        safe(big.subarray(7) as unknown as Buffer);
      }),
      { numRuns: 20_000 },
    );
  });
  it('should keep no planted mark of generated JPEGs (progressive, fill bytes, metadata between scans, an appended picture)', () => {
    fc.assert(fc.property(jpegArb, (b) => !leaks(safe(b))), { numRuns: 5_000 });
  });
  it('should keep no planted mark of generated PNGs and WebPs (odd sizes, RIFF size off by a few, trailers)', () => {
    fc.assert(fc.property(pngArb, (b) => !leaks(safe(b))), { numRuns: 3_000 });
    fc.assert(fc.property(webpArb, (b) => !leaks(safe(b))), { numRuns: 3_000 });
  });
  it('should never throw on mutated generated images', () => {
    fc.assert(fc.property(mutate(fc.oneof(jpegArb, pngArb, webpArb)), (b) => void safe(b)), { numRuns: 10_000 });
  });
  it('should leave the mark in nothing exiftool would read as a metadata segment of a mutated JPEG', () => {
    fc.assert(fc.property(mutate(jpegArb), (b) => {
      const out = safe(b);
      return out === null || !(readerSees(out, false) || readerSees(out, true));
    }), { numRuns: 20_000 });
  });
});

/**
 * How exiftool (Image::ExifTool::ProcessJPEG) walks a JPEG: skip to the next 0xff, skip fill
 * bytes, then a marker; these are standalone, everything else has a 2-byte length. It stops at
 * SOS unless -ee, then goes on reading the scan as garbage up to the next 0xff. True when a
 * segment it reads as APP1, APP13 or COM holds the planted mark.
 */
function readerSees(b: Buffer, ee: boolean): boolean {
  const standalone = new Set([0x00, 0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0x4f, 0x92, 0x93, ...Array.from({ length: 16 }, (_, i) => 0x30 + i)]);
  let at = 2;
  for (;;) {
    while (at < b.length && b[at] !== 0xff) at++;
    while (at < b.length && b[at] === 0xff) at++;
    if (at >= b.length) return false;
    const marker = b[at++]!;
    if (marker === 0xd9 || marker === 0x93 || (marker === 0xda && !ee)) return false;
    if (standalone.has(marker)) continue;
    if ([0x74, 0x75, 0x77].includes(marker)) return false;
    if (at + 2 > b.length) return false;
    const len = b.readUInt16BE(at);
    if (len < 2 || at + len > b.length) return false;
    if ([0xe1, 0xed, 0xfe].includes(marker) && b.subarray(at, at + len).includes(PLANT)) return true;
    at += len;
  }
}

describe('stripPhotoMetadata on a phone\'s portrait photo', () => {
  it('should keep which way up the picture goes, and nothing else of its EXIF', () => {
    // Big-endian EXIF, as many phones write it: Orientation 6 (turn right), then Artist.
    const artist = Buffer.from('Nguyen Van Reporter\0', 'latin1');
    const tiff = Buffer.alloc(8 + 2 + 24 + 4);
    tiff.write('MM\0*', 0, 'latin1');
    tiff.writeUInt32BE(8, 4);
    tiff.writeUInt16BE(2, 8);
    tiff.writeUInt16BE(0x0112, 10);
    tiff.writeUInt16BE(3, 12);
    tiff.writeUInt32BE(1, 14);
    tiff.writeUInt16BE(6, 18);
    tiff.writeUInt16BE(0x013b, 22);
    tiff.writeUInt16BE(2, 24);
    tiff.writeUInt32BE(artist.length, 26);
    tiff.writeUInt32BE(tiff.length, 30);
    const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, artist]);
    const head = Buffer.alloc(4);
    head.writeUInt16BE(0xffe1, 0);
    head.writeUInt16BE(payload.length + 2, 2);
    const plain = tinyJpeg();
    const out = stripPhotoMetadata(Buffer.concat([plain.subarray(0, 2), head, payload, plain.subarray(2)]))!;
    expect(out.includes(Buffer.from('Nguyen'))).toBe(false);
    const exif = out.indexOf('Exif\0\0');
    expect(exif).toBeGreaterThan(0);
    // Little-endian TIFF, one entry: tag 0x0112, SHORT, count 1, value 6.
    expect(out.subarray(exif + 6 + 8, exif + 6 + 20)).toEqual(Buffer.from([0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x00]));
  });
});
