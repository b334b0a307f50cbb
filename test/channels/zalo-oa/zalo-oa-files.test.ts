import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_PDF, FakeZaloOaApi, ZaloOaChat } from '../../helpers/fake-zalo-oa-api.js';
import { startTestApp, zaloOaOf, type TestApp } from '../../helpers/start-test-app.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../../helpers/test-database.js';

describe.each(providers)('files people send on a Zalo Official Account (%s)', (provider) => {
  let oa: FakeZaloOaApi;
  let database: TestDatabase;
  let app: TestApp;
  let webhook: string;
  const chat = (userId: string) => new ZaloOaChat(oa, webhook, userId);

  beforeAll(async () => {
    oa = await new FakeZaloOaApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, env: oa.env() });
    webhook = `${app.url}/zalo-oa/webhook`;
    await oa.authorize(app.database.db);
  });
  afterAll(async () => {
    oa.fileDelayMs = 0;
    await app?.stop();
    await oa?.stop();
    await database?.drop();
  });

  it('should keep a document on arrival with the type its bytes show, and hand it out from the kept copy', async () => {
    const stored = () => app.database.db.storedFile.findMany({ where: { uploadedBy: 'zalo_oa:oa-501' } });
    expect((await chat('oa-501').post(oa.file('oa-501', oa.fileUrl('bien-ban.docx'), 'Biên bản.docx'))).status).toBe(200);
    const kept = await stored();
    // Named .docx, but its bytes are a PDF: the bytes decide.
    expect(kept.map((f) => [f.mimeType, f.sizeBytes])).toEqual([['application/pdf', FAKE_PDF.length]]);
    // The channel hands it out from the kept copy, and a document still behind a link by its bytes too.
    const file = await zaloOaOf(app).downloadFile(kept[0]!.id);
    expect(file?.mimeType).toBe('application/pdf');
    expect(file?.data.equals(FAKE_PDF)).toBe(true);
    expect((await zaloOaOf(app).downloadFile(oa.fileUrl('other.pdf')))?.mimeType).toBe('application/pdf');
    expect(await zaloOaOf(app).downloadFile(oa.fileUrl('virus-exe.pdf'))).toBeNull();
    // Bytes of no accepted type are not kept, whatever the name says.
    expect((await chat('oa-501').post(oa.file('oa-501', oa.fileUrl('virus-exe.pdf'), 'Biên bản.pdf'))).status).toBe(200);
    expect(await stored()).toHaveLength(1);
  });

  it('should answer Zalo within the webhook\'s few seconds when the file server is slow', async () => {
    oa.fileDelayMs = 8_000;
    try {
      const started = Date.now();
      expect((await chat('oa-500').post(oa.file('oa-500', oa.fileUrl('slow.pdf'), 'Biên bản.pdf'))).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(7_000);
    } finally {
      oa.fileDelayMs = 0;
    }
  });
});
