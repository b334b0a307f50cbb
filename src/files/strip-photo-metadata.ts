/**
 * A photo without what its camera or editor wrote into it: where and when it was taken, the
 * phone's model and serial, sometimes its owner's name. The web page redraws photos before they
 * leave the phone; one sent as a file on Telegram, fetched from Zalo, or posted to the upload
 * directly arrives as it was taken, and an anonymous reporter's photo must not name them.
 *
 * Each format is walked segment by segment, as its decoders read it, and the segments that
 * carry metadata are left out; the image data is copied as it is, never re-encoded:
 * - JPEG: every APP1 (EXIF, XMP, extended XMP), APP13 (IPTC, Photoshop) and comment segment;
 * - PNG: the text chunks (tEXt, zTXt, iTXt), eXIf and tIME;
 * - WebP: the EXIF and XMP chunks, and their flags in the extended header.
 * exif-be-gone was tried first and fell short: it missed a WebP's EXIF chunk, and a JPEG's EXIF
 * after any other APP1 segment.
 *
 * Returns null for a photo whose structure cannot be walked to its end: it is not kept or shown
 * rather than kept with what could not be looked at.
 */
export function stripPhotoMetadata(bytes: Uint8Array): Buffer | null {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data[0] === 0xff && data[1] === 0xd8) return stripJpeg(data);
  if (data.subarray(0, 8).equals(PNG_SIGNATURE)) return stripPng(data);
  if (data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return stripWebp(data);
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** APP1 (EXIF, XMP), APP13 (IPTC) and COM. APP2 is dropped only as MPF (see stripJpeg). */
const JPEG_DROPPED = new Set([0xe1, 0xed, 0xfe]);

/**
 * The segments up to the image data, without metadata; the image data with the markers among
 * it (tables and scans of a progressive JPEG); the end. What follows the end is left out: the
 * further pictures a phone appends (depth maps, previews: each a JPEG with its own EXIF) and
 * makers' trailers. So is the MPF segment that points at those pictures.
 */
function stripJpeg(data: Buffer): Buffer | null {
  const kept: Buffer[] = [data.subarray(0, 2)];
  let at = 2;
  let inScan = false;
  while (at + 2 <= data.length) {
    if (inScan) {
      // Image data: a 0xff is followed by 0x00 (a data byte) or a restart marker, else it
      // starts the next marker.
      const from = at;
      while (at + 1 < data.length && !(data[at] === 0xff && data[at + 1] !== 0x00 && (data[at + 1]! < 0xd0 || data[at + 1]! > 0xd7))) at++;
      if (at + 1 >= data.length) return null;
      kept.push(data.subarray(from, at));
      inScan = false;
      continue;
    }
    if (data[at] !== 0xff) return null;
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd9) return Buffer.concat([...kept, data.subarray(at, at + 2)]);
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(data.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > data.length) return null;
    const end = at + 2 + data.readUInt16BE(at + 2);
    if (end > data.length || end < at + 4) return null;
    const mpf = marker === 0xe2 && data.toString('latin1', at + 4, at + 8) === 'MPF\0';
    if (!JPEG_DROPPED.has(marker) && !mpf) kept.push(data.subarray(at, end));
    inScan = marker === 0xda;
    at = end;
  }
  return null;
}

const PNG_DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function stripPng(data: Buffer): Buffer | null {
  const kept: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  while (at + 12 <= data.length) {
    const end = at + 12 + data.readUInt32BE(at);
    if (end > data.length) return null;
    const type = data.toString('latin1', at + 4, at + 8);
    if (!PNG_DROPPED.has(type)) kept.push(data.subarray(at, end));
    if (type === 'IEND') return Buffer.concat(kept);
    at = end;
  }
  return null;
}

/** The extended header's flags for EXIF and XMP metadata. */
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(data: Buffer): Buffer | null {
  const riffEnd = 8 + data.readUInt32LE(4);
  if (riffEnd > data.length) return null;
  const kept: Buffer[] = [];
  let at = 12;
  while (at + 8 <= riffEnd) {
    const size = data.readUInt32LE(at + 4);
    // A chunk's data is padded to an even length.
    const end = at + 8 + size + (size % 2);
    if (end > riffEnd) return null;
    const fourcc = data.toString('latin1', at, at + 4);
    if (fourcc === 'VP8X') {
      const header = Buffer.from(data.subarray(at, end));
      header[8] = header[8]! & ~(VP8X_EXIF | VP8X_XMP);
      kept.push(header);
    } else if (fourcc !== 'EXIF' && fourcc !== 'XMP ') kept.push(data.subarray(at, end));
    at = end;
  }
  if (at !== riffEnd) return null;
  const body = Buffer.concat(kept);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}
