import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAnnualReport } from '../../src/annual-report/ensure-annual-report.js';
import { generateTrackingCode } from '../../src/domain/tracking-code.js';
import { createInvite } from '../../src/invites/create-invite.js';
import { createDatabase } from '../../src/store/create-database.js';
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
    // The menu follows the welcome; under load it may come after the answer was read.
    await chat.waitFor((m) => m.text.includes('Bạn muốn làm gì tiếp theo'));
    return { chat, code };
  };

  const start = () => startTestApp({ databaseUrl: database.url, telegram: api, clock, env: { ADMINS: `telegram:${ADMIN}` } });

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await start();
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

  describe('a dialog opened before the role was revoked', () => {
    const ROLE_LOST = 'quyền của bạn để làm việc này vừa thay đổi';
    const stopped = async (chat: TelegramChat, userId: number, answer: string) => {
      expect(answer).toContain(ROLE_LOST);
      expect(await db().conversation.count({ where: { identity: { externalId: String(userId) } } })).toBe(0);
    };
    /** There is no command to revoke an official: an admin does it in the database. */
    const revokeOfficial = async (userId: number) =>
      db().roleAssignment.updateMany({ where: { personId: await personOf(userId), role: 'official' }, data: { revokedAt: clock.now() } });
    const forwardedReport = async () => {
      const unit = await db().unit.findFirstOrThrow({ where: { code: 'SO_TC' } });
      const category = await db().wasteCategory.findFirstOrThrow();
      const reporter = await db().person.create({ data: { displayName: 'Người dân' } });
      return db().wasteReport.create({
        data: { code: generateTrackingCode(), categoryId: category.id, description: 'Công trình bỏ hoang nhiều năm gây lãng phí.', reporterId: reporter.id, status: 'forwarded', assignedUnitId: unit.id },
      });
    };

    it('should not save a section of the annual report for a contact revoked in the middle of /baocao', async () => {
      const { chat } = await join(811);
      expect(text(await chat.say('/baocao'))).toContain('Mục 1/6');
      await revokeContact(chat, 'User811');
      const written = 'Kẻ tấn công ghi đè nội dung báo cáo năm của đơn vị sau khi bị thu hồi.';
      await stopped(chat, 811, text(await chat.say(written)));
      expect(await db().annualReportSection.count({ where: { content: written } })).toBe(0);
    });

    it('should not record a figure when a revoked contact presses the last button of /capnhat', async () => {
      const { chat } = await join(812);
      await chat.say('/capnhat');
      await chat.waitFor((m) => m.text.includes('Chọn tiêu chí cần cập nhật'));
      await chat.press('Thu ngân sách nhà nước trên địa bàn');
      await chat.press('Năm');
      await chat.say('19.000 tỷ');
      await chat.press('Bỏ qua');
      await chat.press('Bỏ qua');
      expect(chat.last.buttons.flat().map((b) => b.text)).toContain('💾 Lưu');
      await revokeContact(chat, 'User812');
      await stopped(chat, 812, text(await chat.press('Lưu')));
      expect(await db().progressUpdate.count({ where: { submittedById: await personOf(812) } })).toBe(0);
    });

    it('should not answer a forwarded citizen report for the unit after the contact was revoked during /ketqua', async () => {
      const { chat } = await join(813);
      const report = await forwardedReport();
      expect(text(await chat.say(`/ketqua ${report.code}`))).toContain('Tình trạng xử lý phản ánh');
      await chat.press('Đã xử lý xong');
      await revokeContact(chat, 'User813');
      await stopped(chat, 813, text(await chat.say('Đơn vị đã xử lý xong, đề nghị đóng phản ánh.')));
      expect((await db().wasteReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe('forwarded');
    });

    it('should not let an official whose role was revoked finish a triage action from the inbox', async () => {
      const { chat } = await join(821, 'official');
      const report = await forwardedReport();
      expect(text(await chat.say(`/xl ${report.code} reject`))).toContain('Lý do từ chối');
      await revokeOfficial(821);
      await stopped(chat, 821, text(await chat.say('Không đúng sự thật, từ chối.')));
      expect((await db().wasteReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe('forwarded');
    });

    it('should not let an official whose role was revoked return an annual report', async () => {
      const { chat } = await join(822, 'official');
      const unit = await db().unit.findFirstOrThrow({ where: { code: 'SO_XD' } });
      const report = await db().$transaction((tx) => ensureAnnualReport(tx, { unitId: unit.id, year: 2026, now: clock.now() }));
      await db().annualReport.update({ where: { id: report.id }, data: { state: 'submitted', submittedAt: clock.now() } });
      expect(text(await chat.say(`/xembaocao return ${report.id}`))).toContain('Lý do trả lại');
      await revokeOfficial(822);
      await stopped(chat, 822, text(await chat.say('Thiếu số liệu, đề nghị bổ sung.')));
      expect((await db().annualReport.findUniqueOrThrow({ where: { id: report.id } })).state).toBe('submitted');
    });

    it('should still let a contact who keeps the role finish the dialog', async () => {
      const { chat } = await join(814);
      await chat.say('/baocao');
      const answer = text(await chat.say('Ban hành Kế hoạch triển khai Phong trào và quán triệt cho toàn bộ công chức.'));
      expect(answer).toMatch(/Mục \d\/6/);
      expect(answer).not.toContain(ROLE_LOST);
    });

    it('should stop /ketqua when the report was given to another unit meanwhile', async () => {
      const { chat } = await join(815);
      const report = await forwardedReport();
      await chat.say(`/ketqua ${report.code}`);
      await chat.press('Đã xử lý xong');
      const other = await db().unit.findFirstOrThrow({ where: { code: 'SO_XD' } });
      await db().wasteReport.update({ where: { id: report.id }, data: { assignedUnitId: other.id } });
      await stopped(chat, 815, text(await chat.say('Đơn vị đã xử lý xong, đề nghị đóng phản ánh.')));
      expect((await db().wasteReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe('forwarded');
    });
  });

  describe('work done after the turn that asked for it', () => {
    it('should not send an export to an official whose role was revoked before the job ran', async () => {
      const { chat } = await join(831, 'official');
      await app.stop();
      // The request was stored, and the role revoked, while the bot was down.
      const { db: offline, close } = await createDatabase(database.target);
      const identity = await offline.identity.findFirstOrThrow({ where: { channel: 'telegram', externalId: '831' } });
      await offline.job.create({ data: { kind: 'export', argsJson: JSON.stringify({ year: 2026, format: 'xlsx' }), personId: identity.personId, identityId: identity.id, createdAt: clock.now() } });
      await offline.roleAssignment.updateMany({ where: { personId: identity.personId }, data: { revokedAt: clock.now() } });
      await close();
      app = await start();
      await chat.waitFor((m) => m.text.includes('tệp bạn yêu cầu không được gửi'));
      await app.jobs.idle();
      expect(api.documents.filter((d) => d.chatId === '831')).toHaveLength(0);
      expect((await db().job.findFirstOrThrow({ where: { personId: identity.personId } })).status).toBe('failed');
    });
  });
});
