import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';
import { fileWasteReport, trackingCodeIn } from '../helpers/waste-report-chat.js';

const OFFICIAL = 110;
const text = TelegramChat.text;

describe.each(providers)('the loop between citizen, board and unit (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let official: TelegramChat;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, env: { ADMINS: `telegram:${OFFICIAL}` } });
    official = new TelegramChat(api, OFFICIAL);
    await official.say('/start');
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  async function inviteContact(userId: number, unitCode: string): Promise<TelegramChat> {
    const unit = await app.database.db.unit.findFirstOrThrow({ where: { code: unitCode } });
    const invite = await app.database.db.$transaction((tx) =>
      createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: new Date() }),
    );
    const chat = new TelegramChat(api, userId);
    await chat.say(`/start ${invite.code}`);
    return chat;
  }

  describe('leaving a dialog half-way', () => {
    it('should say plainly that a half-written waste report was not sent', async () => {
      const citizen = new TelegramChat(api, 401);
      await citizen.say('/phananh');
      await citizen.press('Tổ chức lễ hội');
      await citizen.say('Pháo hoa ba đêm liền tốn kém ở lễ hội của huyện.');
      const left = text(await citizen.say('/start'));
      expect(left).toContain('chưa được gửi');
      expect(left).not.toContain('Đã dừng thao tác đang làm dở');
      expect(await app.database.db.wasteReport.count({ where: { description: { contains: 'Pháo hoa ba đêm' } } })).toBe(0);
    });
  });

  describe('a stale triage button', () => {
    it('should say the action is impossible before asking for any words', async () => {
      const citizen = new TelegramChat(api, 402);
      const code = trackingCodeIn(await fileWasteReport(api, citizen, { category: 'Khác', description: 'Đèn chiếu sáng sân trụ sở bật suốt ngày đêm.' }));
      await official.say(`/xl ${code}`);
      const view = official.messages.length;
      await official.say(`/xl ${code} reject`);
      await official.say('Không đủ thông tin để xác minh.');
      expect(official.messages.length).toBeGreaterThan(view);
      const pressed = text(await official.press('Đã xử lý'));
      expect(pressed).toContain(`Không thể thực hiện thao tác này với phản ánh ${code}`);
      expect(pressed).not.toContain('Kết quả xử lý (sẽ gửi');
      expect(text(await official.say('Một ghi chú lạc.'))).not.toContain('Đã xử lý xong');
    });
  });
});
