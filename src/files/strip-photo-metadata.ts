/**
 * A photo without what its camera or editor wrote into it: where and when it was taken, the
 * phone's model and serial, sometimes its owner's name. The web page redraws photos before they
 * leave the phone; one sent as a file on Telegram, fetched from Zalo, or posted to the upload
 * directly arrives as it was taken, and an anonymous reporter's photo must not name them.
 *
 * Each format is walked segment by segment, as its decoders read it, and only what a decoder
 * needs to draw the picture is kept; everything else is left out, whatever it is called (EXIF,
 * XMP, IPTC, comments, thumbnails, Content Credentials, makers' segments, anything appended
 * after the picture). The picture itself is copied untouched, never re-encoded. One thing of
 * the EXIF is kept: which way up the picture goes, or a phone's portrait photo shows sideways.
 * exif-be-gone was tried first and fell short: it missed a WebP's EXIF chunk, and a JPEG's EXIF
 * after any other APP1 segment.
 *
 * Returns null for a photo whose structure cannot be walked to its end, or that has a marker a
 * decoder does not expect: it is not kept or shown rather than kept with what could not be
 * looked at.
 */
export function stripPhotoMetadata(bytes: Uint8Array): Buffer | null {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data[0] === 0xff && data[1] === 0xd8) return stripJpeg(data);
  if (data.subarray(0, 8).equals(PNG_SIGNATURE)) return stripPng(data);
  if (data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return stripWebp(data);
  return null;
}

/**
 * The parts of the input to keep, in order; neighbouring ones are joined, so a file of a million
 * tiny segments costs a few ranges, not a million buffers.
 */
class Kept {
  private readonly parts: (Buffer | [number, number])[] = [];
  constructor(private readonly data: Buffer) {}
  range(start: number, end: number): void {
    const last = this.parts.at(-1);
    if (Array.isArray(last) && last[1] === start) last[1] = end;
    else if (end > start) this.parts.push([start, end]);
  }
  bytes(extra: Buffer): void {
    this.parts.push(extra);
  }
  join(): Buffer {
    return Buffer.concat(this.parts.map((p) => (Array.isArray(p) ? this.data.subarray(p[0], p[1]) : p)));
  }
}

/** Markers that stand alone: restart markers and TEM. */
const isStandalone = (m: number) => (m >= 0xd0 && m <= 0xd7) || m === 0x01;
/** Markers followed by a length: frames, tables, scans, application segments, comments. */
const hasLength = (m: number) => (m >= 0xc0 && m <= 0xcf) || (m >= 0xda && m <= 0xdf) || (m >= 0xe0 && m <= 0xef) || m === 0xfe;

/** What a decoder needs of the segments with a length; application segments are judged by their name. */
function jpegSegmentKept(data: Buffer, marker: number, at: number, end: number): boolean {
  // Frames (all but JPG, 0xc8), Huffman and arithmetic tables, quantisation, restart interval.
  if ((marker >= 0xc0 && marker <= 0xcf && marker !== 0xc8) || marker === 0xdb || marker === 0xdd) return true;
  const name = (text: string) => end - at - 4 >= text.length && data.toString('latin1', at + 4, at + 4 + text.length) === text;
  if (marker === 0xe2) return name('ICC_PROFILE\0');
  // Adobe's colour transform: without it, some JPEGs decode with the wrong colours.
  if (marker === 0xee) return name('Adobe');
  return false;
}

function stripJpeg(data: Buffer): Buffer | null {
  const kept = new Kept(data);
  kept.range(0, 2);
  let at = 2;
  let inScan = false;
  let oriented = false;
  while (at < data.length) {
    if (inScan) {
      // Image data: a 0xff is followed by 0x00 (a data byte), a restart marker, or fill bytes
      // before the next marker.
      const from = at;
      while (at + 1 < data.length && !(data[at] === 0xff && data[at + 1] !== 0x00 && data[at + 1] !== 0xff && !isStandalone(data[at + 1]!))) at++;
      if (at + 1 >= data.length) return null;
      kept.range(from, at);
      inScan = false;
      continue;
    }
    if (at + 2 > data.length || data[at] !== 0xff) return null;
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    // The end: what follows (a phone's appended depth map or preview, a maker's trailer) goes.
    if (marker === 0xd9) {
      kept.range(at, at + 2);
      return kept.join();
    }
    if (isStandalone(marker)) {
      kept.range(at, at + 2);
      at += 2;
      continue;
    }
    if (!hasLength(marker) || at + 4 > data.length) return null;
    const end = at + 2 + data.readUInt16BE(at + 2);
    if (end > data.length || end < at + 4) return null;
    if (marker === 0xda) {
      if (!isScanHeader(data.subarray(at + 4, end))) return null;
      kept.range(at, end);
      inScan = true;
    } else if (jpegSegmentKept(data, marker, at, end)) kept.range(at, end);
    else if (marker === 0xe0 && end - at >= 18 && data.toString('latin1', at + 4, at + 9) === 'JFIF\0') {
      // JFIF's header says how to read the colours; its thumbnail, which may show the picture
      // before it was cropped, is left out.
      const header = Buffer.from(data.subarray(at, at + 18));
      header.writeUInt16BE(16, 2);
      header[16] = 0;
      header[17] = 0;
      kept.bytes(header);
    } else if (marker === 0xe1 && !oriented) {
      const orientation = exifOrientation(data.subarray(at + 4, end));
      if (orientation) {
        kept.bytes(orientationApp1(orientation));
        oriented = true;
      }
    }
    at = end;
  }
  return null;
}

/**
 * A scan's header as the standard has it: one to four components, each with table numbers up
 * to 3, spectral selection up to 63, approximation bits up to 13. One that is not would let a
 * metadata segment pass for image data (its marker made of the header's last byte).
 */
function isScanHeader(header: Buffer): boolean {
  const components = header[0]!;
  if (components < 1 || components > 4 || header.length !== 1 + 2 * components + 3) return false;
  for (let i = 0; i < components; i++) {
    const tables = header[2 + 2 * i]!;
    if (tables >> 4 > 3 || (tables & 0x0f) > 3) return false;
  }
  const [ss, se, approximation] = [header[1 + 2 * components]!, header[2 + 2 * components]!, header[3 + 2 * components]!];
  return ss <= 63 && se <= 63 && approximation >> 4 <= 13 && (approximation & 0x0f) <= 13;
}

/** The Orientation tag (2–8) of an EXIF block ("Exif\0\0" and a TIFF structure), or null. */
function exifOrientation(exif: Buffer): number | null {
  if (exif.length < 14 || exif.toString('latin1', 0, 6) !== 'Exif\0\0') return null;
  const tiff = exif.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  if (!little && tiff.toString('latin1', 0, 2) !== 'MM') return null;
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count && ifd + 2 + 12 * (i + 1) <= tiff.length; i++) {
    const entry = ifd + 2 + 12 * i;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      return value >= 2 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An EXIF segment that says only which way up the picture goes. */
function orientationApp1(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('II*\0', 0, 'latin1');
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chunks that make the picture: critical ones, colour, transparency, pixel size, animation. */
const PNG_KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'cICP', 'sBIT', 'pHYs', 'bKGD', 'acTL', 'fcTL', 'fdAT']);

function stripPng(data: Buffer): Buffer | null {
  const kept = new Kept(data);
  kept.range(0, 8);
  let at = 8;
  while (at + 12 <= data.length) {
    const end = at + 12 + data.readUInt32BE(at);
    if (end > data.length) return null;
    const type = data.toString('latin1', at + 4, at + 8);
    if (PNG_KEPT.has(type)) kept.range(at, end);
    if (type === 'IEND') return kept.join();
    at = end;
  }
  return null;
}

/** The chunks that make the picture: its header, image data, alpha, colour profile, animation. */
const WEBP_KEPT = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ICCP', 'ANIM', 'ANMF']);
/** The extended header's flags for EXIF and XMP metadata. */
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(data: Buffer): Buffer | null {
  const riffEnd = 8 + data.readUInt32LE(4);
  if (riffEnd > data.length) return null;
  const kept = new Kept(data);
  let at = 12;
  while (at + 8 <= riffEnd) {
    const size = data.readUInt32LE(at + 4);
    // A chunk's data is padded to an even length.
    const end = at + 8 + size + (size % 2);
    if (end > riffEnd) return null;
    const fourcc = data.toString('latin1', at, at + 4);
    if (fourcc === 'VP8X' && end - at >= 9) {
      const header = Buffer.from(data.subarray(at, end));
      header[8] = header[8]! & ~(VP8X_EXIF | VP8X_XMP);
      kept.bytes(header);
    } else if (WEBP_KEPT.has(fourcc)) kept.range(at, end);
    at = end;
  }
  if (at !== riffEnd) return null;
  const body = kept.join();
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}
