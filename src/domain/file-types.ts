/**
 * The one allow-list of files the bot keeps or shows, recognised by their bytes. A declared
 * type (a Telegram document's mime_type, a browser's Content-Type, a file name) proves
 * nothing: an SVG declared as an image carries script, so anything not recognised here is
 * never kept, and never served as anything but an opaque download.
 */
export const FILE_TYPES = {
  'image/jpeg': { kind: 'image', extension: 'jpg' },
  'image/png': { kind: 'image', extension: 'png' },
  'image/webp': { kind: 'image', extension: 'webp' },
  'application/pdf': { kind: 'document', extension: 'pdf' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', extension: 'docx' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { kind: 'document', extension: 'xlsx' },
  'application/vnd.oasis.opendocument.text': { kind: 'document', extension: 'odt' },
  'application/vnd.oasis.opendocument.spreadsheet': { kind: 'document', extension: 'ods' },
  'application/msword': { kind: 'document', extension: 'doc' },
  'application/vnd.ms-excel': { kind: 'document', extension: 'xls' },
} as const satisfies Record<string, { kind: 'image' | 'document'; extension: string }>;

export type TFileType = keyof typeof FILE_TYPES;
export type TImageType = { [K in TFileType]: (typeof FILE_TYPES)[K]['kind'] extends 'image' ? K : never }[TFileType];

/** A photo as Telegram and phones send them; larger is refused rather than kept. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Evidence documents; also the most a Telegram bot may download. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** How many leading bytes are enough to recognise a file when only its head is fetched. */
export const SNIFF_HEAD_BYTES = 64 * 1024;

export function isImageType(type: string | undefined): type is TImageType {
  return type !== undefined && Object.hasOwn(FILE_TYPES, type) && FILE_TYPES[type as TFileType].kind === 'image';
}

export function isAllowedType(type: string | undefined): type is TFileType {
  return type !== undefined && Object.hasOwn(FILE_TYPES, type);
}

/**
 * The type a file's name claims, for a file whose bytes could not be read yet (the platform did
 * not serve them in time): only a provisional label, since the bytes are sniffed again before
 * they are ever kept or shown.
 */
export function claimedTypeOf(fileName: string | undefined): TFileType | null {
  const extension = /\.([a-z0-9]{2,5})$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  const found = Object.entries(FILE_TYPES).find(([, t]) => t.extension === extension || (extension === 'jpeg' && t.extension === 'jpg'));
  return found ? (found[0] as TFileType) : null;
}

export function maxBytesOf(type: TFileType): number {
  return FILE_TYPES[type].kind === 'image' ? MAX_PHOTO_BYTES : MAX_DOCUMENT_BYTES;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** A zip or OLE file, whose type is told by entries that may lie past its head. */
export function isContainer(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP) || startsWith(bytes, OLE);
}

/** The image type a file really is, by its first bytes; null for anything else. */
export function sniffImageType(bytes: Uint8Array): TImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/**
 * What a file really is, by its bytes; null when it is not on the allow-list. Works on a
 * whole file or on its first SNIFF_HEAD_BYTES: office files are recognised by the entries a
 * real one has ([Content_Types].xml with word/ or xl/; an OLE stream named WordDocument or
 * Workbook), not by the zip or OLE signature alone.
 */
export function sniffFileType(bytes: Uint8Array): TFileType | null {
  const image = sniffImageType(bytes);
  if (image) return image;
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, ZIP)) return sniffZip(bytes);
  if (startsWith(bytes, OLE)) return sniffOle(bytes);
  return null;
}

function sniffZip(bytes: Uint8Array): TFileType | null {
  const names = zipEntryNames(bytes);
  // OpenDocument: an uncompressed first entry "mimetype" holding the type.
  if (names[0] === 'mimetype') {
    const text = Buffer.from(bytes.subarray(30 + 8, 30 + 8 + 60)).toString('latin1');
    if (text.startsWith('application/vnd.oasis.opendocument.text')) return 'application/vnd.oasis.opendocument.text';
    if (text.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'application/vnd.oasis.opendocument.spreadsheet';
    return null;
  }
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.includes('word/document.xml')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.includes('xl/workbook.xml')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

/** Entry names from local headers (a file's head) and the central directory (a whole file). */
function zipEntryNames(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  for (const [signature, nameAt] of [
    [Buffer.from([0x50, 0x4b, 0x03, 0x04]), 26],
    [Buffer.from([0x50, 0x4b, 0x01, 0x02]), 28],
  ] as const) {
    for (let at = buffer.indexOf(signature); at >= 0 && names.length < 10_000; at = buffer.indexOf(signature, at + 4)) {
      if (at + nameAt + 2 > buffer.length) break;
      const length = buffer.readUInt16LE(at + nameAt);
      const start = at + (nameAt === 26 ? 30 : 46);
      if (start + length > buffer.length) break;
      names.push(buffer.toString('latin1', start, start + length));
    }
  }
  return names;
}

function sniffOle(bytes: Uint8Array): TFileType | null {
  // Directory entries hold names in UTF-16LE; a Word file has "WordDocument", Excel "Workbook" (or "Book").
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.includes(Buffer.from('WordDocument', 'utf16le'))) return 'application/msword';
  if (buffer.includes(Buffer.from('Workbook', 'utf16le')) || buffer.includes(Buffer.from('Book\u0000', 'utf16le'))) return 'application/vnd.ms-excel';
  return null;
}

const INERT_EXTENSIONS = new Set(['csv', 'txt']);

/** A name safe to put in Content-Disposition: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string | undefined, type: TFileType | null): string {
  const clean = (name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 80);
  const given = /\.([A-Za-z0-9]{1,5})$/.exec(clean)?.[1]?.toLowerCase();
  const base = clean.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  // The extension follows the bytes; plain data (the CSV export) keeps its own, inert one.
  const extension = type ? FILE_TYPES[type].extension : given && INERT_EXTENSIONS.has(given) ? given : 'bin';
  return `${base || 'file'}.${extension}`;
}
