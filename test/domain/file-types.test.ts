import { describe, expect, it } from 'vitest';
import { safeFileName, sniffFileType } from '../../src/domain/file-types.js';

/** A minimal zip: one local header per name, then central directory entries for the same names. */
function zip(names: string[], firstContent = ''): Buffer {
  const parts: Buffer[] = [];
  names.forEach((name, i) => {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(name.length, 26);
    parts.push(header, Buffer.from(name, 'latin1'), Buffer.from(i === 0 ? firstContent : 'x'));
  });
  for (const name of names) {
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(name.length, 28);
    parts.push(entry, Buffer.from(name, 'latin1'));
  }
  return Buffer.concat(parts);
}

const ole = (stream: string) =>
  Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(stream, 'utf16le')]);

describe('sniffFileType', () => {
  it('should recognise the allowed images and documents by their bytes', () => {
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffFileType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffFileType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffFileType(zip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(sniffFileType(zip(['[Content_Types].xml', 'xl/workbook.xml']))).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sniffFileType(zip(['mimetype', 'content.xml'], 'application/vnd.oasis.opendocument.text'))).toBe('application/vnd.oasis.opendocument.text');
    expect(sniffFileType(ole('WordDocument'))).toBe('application/msword');
    expect(sniffFileType(ole('Workbook'))).toBe('application/vnd.ms-excel');
  });

  it('should refuse SVG, HTML, programs and containers without the right entries', () => {
    expect(sniffFileType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeNull();
    expect(sniffFileType(Buffer.from('<?xml version="1.0"?><svg/>'))).toBeNull();
    expect(sniffFileType(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffFileType(Buffer.from('MZ\x90\0'))).toBeNull();
    expect(sniffFileType(zip(['index.html', 'evil.js']))).toBeNull();
    expect(sniffFileType(zip(['[Content_Types].xml', 'evil.html']))).toBeNull();
    expect(sniffFileType(ole('Something'))).toBeNull();
    expect(sniffFileType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffFileType(Buffer.alloc(0))).toBeNull();
  });
});

describe('safeFileName', () => {
  it('should keep only safe characters and take the extension from the bytes', () => {
    expect(safeFileName('báo cáo "quý" 1.pdf', 'application/pdf')).toBe('bao_cao_quy_1.pdf');
    expect(safeFileName('x.svg', null)).toBe('x.bin');
    expect(safeFileName('../../etc/passwd', 'image/png')).toBe('etc_passwd.png');
    expect(safeFileName('thi-dua-2026.csv', null)).toBe('thi-dua-2026.csv');
    expect(safeFileName(undefined, 'image/jpeg')).toBe('file.jpg');
  });
});
