import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepRemoteFile, keepRemotePhoto, loadKeptFile } from '../../src/files/keep-remote-photo.js';
import { applyMigrations } from '../../src/store/apply-migrations.js';
import { createDatabase, type Database } from '../../src/store/create-database.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/test-database.js';
import { tinyJpeg } from '../helpers/tiny-jpeg.js';

const JPEG = tinyJpeg({ size: 100, fill: 7 });
const HOSTS = ['zdn.vn'];
const QUOTA = { visitorBytesPerDay: 1024 * 1024, totalBytes: 100 * 1024 * 1024 };
const URL_ = 'https://photo.zdn.vn/a.jpg';
const photo = { kind: 'photo' as const, fileRef: URL_, mimeType: 'image/jpeg', caption: 'cổng chào' };
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x20)]);
const document = { kind: 'document' as const, fileRef: 'https://f.zdn.vn/x.pdf', fileName: 'Biên bản.pdf', sizeBytes: 2048 };
const answering = (body: BodyInit) => (async () => new Response(body)) as unknown as typeof fetch;
const failing = (async () => {
  throw new TypeError('fetch failed');
}) as unknown as typeof fetch;

describe('keepRemotePhoto', () => {
  let test: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    test = await createEmptyDatabase('sqlite');
    await applyMigrations({ target: test.target });
    database = await createDatabase(test.target);
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it('should keep a Zalo photo as an upload and hand the dialog the kept file', async () => {
    const kept = await keepRemotePhoto(database.db, { input: photo, allowedHosts: HOSTS, uploadedBy: 'zalo:u1', quota: QUOTA, now: new Date(), fetch: answering(new Uint8Array(JPEG)) });
    expect(kept).toEqual({ kind: 'photo', fileRef: expect.any(String), mimeType: 'image/jpeg', sizeBytes: JPEG.length, caption: 'cổng chào' });
    const file = await database.db.storedFile.findUniqueOrThrow({ where: { id: (kept as { fileRef: string }).fileRef } });
    expect([file.uploadedBy, Buffer.from(file.data).equals(JPEG)]).toEqual(['zalo:u1', true]);
    const loaded = await loadKeptFile({ fileRef: file.id, allowedHosts: HOSTS, loadStoredFile: async (id) => Buffer.from((await database.db.storedFile.findUniqueOrThrow({ where: { id } })).data) });
    expect(loaded?.mimeType).toBe('image/jpeg');
  });

  it('should keep the link when Zalo does not answer, so nothing the person sent is lost', async () => {
    const before = await database.db.storedFile.count();
    expect(await keepRemotePhoto(database.db, { input: photo, allowedHosts: HOSTS, uploadedBy: 'zalo:u1', quota: QUOTA, now: new Date(), fetch: failing })).toEqual(photo);
    expect(await database.db.storedFile.count()).toBe(before);
  });

  it('should refuse what is not an image and keep the size of what is too large, storing neither', async () => {
    const before = await database.db.storedFile.count();
    expect(await keepRemotePhoto(database.db, { input: photo, allowedHosts: HOSTS, uploadedBy: 'zalo:u1', quota: QUOTA, now: new Date(), fetch: answering('<svg onload="alert(1)"/>') })).toEqual({ kind: 'unsupported', what: 'photo' });
    const big = new Uint8Array(tinyJpeg({ size: 11 * 1024 * 1024 }));
    const tooLarge = await keepRemotePhoto(database.db, { input: photo, allowedHosts: HOSTS, uploadedBy: 'zalo:u1', quota: QUOTA, now: new Date(), fetch: answering(big) });
    expect(tooLarge).toMatchObject({ kind: 'photo', fileRef: URL_, sizeBytes: 10 * 1024 * 1024 + 1 });
    expect(await keepRemotePhoto(database.db, { input: { ...photo, fileRef: 'https://evil.example/a.jpg' }, allowedHosts: HOSTS, uploadedBy: 'zalo:u1', quota: QUOTA, now: new Date(), fetch: answering(new Uint8Array(JPEG)) })).toEqual({ kind: 'unsupported', what: 'photo' });
    expect(await database.db.storedFile.count()).toBe(before);
  });

  it('should keep only the link of a photo past the sender\'s daily quota: taken, not stored', async () => {
    const many = { ...QUOTA, visitorBytesPerDay: JPEG.length * 2 };
    const keep = () => keepRemotePhoto(database.db, { input: photo, allowedHosts: HOSTS, uploadedBy: 'zalo:flood', quota: many, now: new Date(), fetch: answering(new Uint8Array(JPEG)) });
    const kept = async () => ((await keep()) as { fileRef: string }).fileRef;
    expect(await kept()).not.toBe(URL_);
    expect(await kept()).not.toBe(URL_);
    expect(await keep()).toEqual(photo);
    expect(await database.db.storedFile.count({ where: { uploadedBy: 'zalo:flood' } })).toBe(2);
  });

  it('should fetch at most four links at once, the rest waiting their turn', async () => {
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const slow = (async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running--;
      return new Response(new Uint8Array(JPEG));
    }) as unknown as typeof fetch;
    const keeps = Array.from({ length: 6 }, () => keepRemotePhoto(database.db, { input: photo, allowedHosts: HOSTS, uploadedBy: 'zalo:many', quota: QUOTA, now: new Date(), fetch: slow }));
    for (let released = 0; released < 6; released++) {
      await expect.poll(() => releases.length).toBeGreaterThan(released);
      expect(running).toBeLessThanOrEqual(4);
      releases[released]!();
    }
    expect((await Promise.all(keeps)).every((k) => k.kind === 'photo')).toBe(true);
    expect(most).toBe(4);
  });

  it('should keep a Zalo document as an upload with the type its bytes show, within the same quota', async () => {
    const keep = (uploadedBy: string, body: Buffer, quota = QUOTA) => keepRemoteFile(database.db, { input: document, allowedHosts: HOSTS, uploadedBy, quota, now: new Date(), fetch: answering(new Uint8Array(body)) });
    const kept = await keep('zalo:doc', PDF);
    expect(kept).toEqual({ ...document, fileRef: expect.not.stringMatching(/^https/), mimeType: 'application/pdf', sizeBytes: PDF.length });
    const load = (fileRef: string) => loadKeptFile({ fileRef, allowedHosts: HOSTS, loadStoredFile: async (id) => Buffer.from((await database.db.storedFile.findUniqueOrThrow({ where: { id } })).data) });
    expect((await load((kept as { fileRef: string }).fileRef))?.mimeType).toBe('application/pdf');
    // Past the quota: the link stays, with the type its bytes showed; nothing more is stored.
    expect(await keep('zalo:doc', PDF, { ...QUOTA, visitorBytesPerDay: PDF.length })).toEqual({ ...document, mimeType: 'application/pdf', sizeBytes: PDF.length });
    expect(await database.db.storedFile.count({ where: { uploadedBy: 'zalo:doc' } })).toBe(1);
  });

  it('should keep a document\'s link when Zalo does not answer, and store neither what is not an accepted type nor what is too large', async () => {
    const before = await database.db.storedFile.count();
    const keep = (fetch: typeof globalThis.fetch) => keepRemoteFile(database.db, { input: document, allowedHosts: HOSTS, uploadedBy: 'zalo:doc2', quota: QUOTA, now: new Date(), fetch });
    // Not served in time: the evidence is taken under the type its name claims, as a link whose
    // bytes are sniffed before they are ever shown.
    expect(await keep(failing)).toEqual({ ...document, mimeType: 'application/pdf' });
    expect(await keep(answering('MZ not a document'))).toEqual(document);
    expect(await keep(answering(new Uint8Array(Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]))))).toEqual({ ...document, sizeBytes: 20 * 1024 * 1024 + 1 });
    expect(await database.db.storedFile.count()).toBe(before);
  });
});
