import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { DEFAULT_CAMPAIGN_FILE } from '../../src/config.js';
import { inviteIn, SECOND_MOVEMENT, secondMovementFile } from '../helpers/second-movement.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { createMigratedDatabase } from '../helpers/test-database.js';
import { WebChatClient } from '../helpers/web-chat-client.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082', 'hex');

/**
 * The web chat serves files by id. An id travels (a forwarded link, an old chat, a shoulder):
 * knowing it must not be enough. An official of another movement only must not get the main
 * movement's citizens' photos, nor any official an export made for another.
 */
describe('security: who may fetch a file from the web chat by its id', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let app: TestApp;
  let board: WebChatClient;
  let exportId: string;
  let photoId: string;
  const get = (client: WebChatClient, path: string) => fetch(`${app.url}${path}`, { headers: { cookie: client.cookie! } });

  beforeAll(async () => {
    testDb = await createMigratedDatabase('sqlite');
    app = await startTestApp({ databaseUrl: testDb.url, env: { CAMPAIGN_FILE: `${DEFAULT_CAMPAIGN_FILE}, ${secondMovementFile()}` } });
    const { db } = app.database;
    const citizen = new WebChatClient(app.url);
    await citizen.say('/phananh');
    await citizen.press('Khác');
    await citizen.say('Xe công dùng vào việc riêng vào cuối tuần, rất lãng phí.');
    await citizen.press('Bỏ qua');
    await citizen.photo(PNG);
    await citizen.press('Xong');
    await citizen.press('Gửi ẩn danh');
    await citizen.press('Gửi phản ánh');
    photoId = (await db.attachment.findFirstOrThrow({ where: { wasteReportId: { not: null } } })).id;

    board = new WebChatClient(app.url);
    await board.say(`/start ${await inviteIn(db, systemClock, 'official', 'DAK_NONG_2022_2030')}`);
    await board.say('/xuat 2026');
    await app.jobs.idle();
    exportId = (await db.storedFile.findFirstOrThrow({ where: { mimeType: { contains: 'spreadsheet' } } })).id;
  });
  afterAll(async () => {
    await app?.stop();
    await testDb?.drop();
  });

  it('should give the Board\'s official the photo and the export sent to them', async () => {
    expect((await get(board, `/api/chat/attachments/${photoId}`)).status).toBe(200);
    expect((await get(board, `/api/chat/files/${exportId}`)).status).toBe(200);
  });

  it('should refuse the main movement\'s citizen photo and export to an official of another movement only', async () => {
    const scoped = new WebChatClient(app.url);
    await scoped.say(`/start ${await inviteIn(app.database.db, systemClock, 'official', SECOND_MOVEMENT)}`);
    expect((await get(scoped, `/api/chat/attachments/${photoId}`)).status).toBe(404);
    expect((await get(scoped, `/api/chat/files/${exportId}`)).status).toBe(404);
  });

  it('should refuse an export to another official of the same movement, who was not sent it', async () => {
    const colleague = new WebChatClient(app.url);
    await colleague.say(`/start ${await inviteIn(app.database.db, systemClock, 'official', 'DAK_NONG_2022_2030')}`);
    expect((await get(colleague, `/api/chat/files/${exportId}`)).status).toBe(404);
    // The citizens' photos are for every official of the movement they reported to.
    expect((await get(colleague, `/api/chat/attachments/${photoId}`)).status).toBe(200);
  });
});
