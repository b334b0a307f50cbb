import { Readable, type Transform } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import * as exifBeGone from 'exif-be-gone';

// A CommonJS module whose module.exports is the class: under ESM it is the default export,
// which its typings (written for `exports.default`) do not say.
const ExifTransformer = (exifBeGone as unknown as { default: new () => Transform }).default;

/**
 * A photo without what its camera wrote into it: EXIF (the place it was taken, the time, the
 * phone's model and serial, sometimes its owner's name) and XMP in a JPEG or WebP, text and
 * time chunks in a PNG. The web page redraws photos before they leave the phone; one sent as a
 * file on Telegram, or fetched from Zalo, arrives as it was taken, and an anonymous reporter's
 * photo must not name them. exif-be-gone removes those segments and leaves the image as is.
 */
export async function stripPhotoMetadata(bytes: Buffer): Promise<Buffer> {
  return buffer(Readable.from([bytes]).pipe(new ExifTransformer()));
}
