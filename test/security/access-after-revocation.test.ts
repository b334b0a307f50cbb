import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { DAY, TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const ADMIN = 950;
const text = TelegramChat.text;

describe.each(providers)('access after revocation (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  let admin: TelegramChat;
  const clock = new TestClock(new Date());

  const db = () => app.database.db;
  const invite = async (role: 'unit_contact' | 'official', unitCode = 'SO_TC', ttlDays = 14) => {
    const unit = role === 'unit_contact' ? await db().unit.findFirstOrThrow({ where: { code: unitCode } }) : null;
    return (await db().$transaction((tx) => createInvite(tx, { role, unitId: unit?.id ?? null, createdById: null, ttlDays, now: clock.now() }))).code;
  };
  const personOf = async (userId: number) => (await db().identity.findFirstOrThrow({ where: { channel: 'telegram', externalId: String(userId) } })).personId;
  const activeRoles = async (userId: number) => db().roleAssignment.count({ where: { personId: await personOf(userId), revokedAt: null } });
  /** An official revokes the contact through /thuhoi, as in production. */
  const revokeContact = async (contact: TelegramChat, name: string) => {
    await admin.say('/thuhoi SO_TC');
    expect(text(await admin.press(name))).toContain('Đã thu hồi quyền đầu mối');
    await contact.waitFor((m) => m.text.includes('Quyền đầu mối báo cáo của bạn đã được thu hồi'));
  };
  const join = async (userId: number, role: 'unit_contact' | 'official' = 'unit_contact') => {
    const chat = new TelegramChat(api, userId);
    const code = await invite(role);
    expect(text(await chat.say(`/start ${code}`))).toContain('Xác nhận thành công');
    return { chat, code };
  };

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, clock, env: { ADMINS: `telegram:${ADMIN}` } });
    admin = new TelegramChat(api, ADMIN);
    await admin.say('/start');
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  describe('an invite code sent again', () => {
    it('should greet a contact who still has the role without granting anything', async () => {
      const { chat, code } = await join(801);
      expect(text(await chat.say(`/start ${code}`))).toContain('Xác nhận thành công');
      expect(await db().roleAssignment.count({ where: { personId: await personOf(801) } })).toBe(1);
    });

    it('should refuse a revoked contact its original code, politely, and grant nothing', async () => {
      const { chat, code } = await join(802);
      await revokeContact(chat, 'User802');
      const answer = text(await chat.say(`/start ${code}`));
      expect(answer).toContain('Quyền được cấp bằng mã mời này đã bị thu hồi');
      expect(answer).not.toContain('Xác nhận thành công');
      expect(await activeRoles(802)).toBe(0);
      expect(text(await chat.say('/baocao'))).toContain('chức năng này dành cho cán bộ được phân quyền');
    });

    it('should refuse the code once it expired, even to the person who used it', async () => {
      const { chat, code } = await join(803);
      await revokeContact(chat, 'User803');
      clock.advance(15 * DAY);
      try {
        expect(text(await chat.say(`/start ${code}`))).toContain('Mã mời này đã hết hạn');
        expect(await activeRoles(803)).toBe(0);
      } finally {
        clock.advance(-15 * DAY);
      }
    });
  });
});
