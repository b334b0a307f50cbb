/**
 * A JPEG's structure and nothing more: its start, a JFIF header, one scan of `size` bytes of
 * image data, its end. Enough for the bot (which reads the type from the bytes and walks the
 * segments to drop metadata), not for a viewer. `fill` varies the data, so files differ.
 */
export function tinyJpeg({ size = 64, fill = 0 }: { size?: number; fill?: number } = {}): Buffer {
  const jfif = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const scan = Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]);
  // 0xff in image data would start a marker.
  const data = Buffer.alloc(size, fill === 0xff ? 0xfe : fill);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, scan, data, Buffer.from([0xff, 0xd9])]);
}
