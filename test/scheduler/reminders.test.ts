import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/invites/create-invite.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { startTestApp, type TestApp } from '../helpers/start-test-app.js';
import { TelegramChat } from '../helpers/telegram-chat.js';
import { TestClock } from '../helpers/test-clock.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const vn = (s: string) => new Date(`${s}+07:00`);
const OFFICIAL = 990;

describe.each(providers)('reminders, escalation and the digest (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock(vn('2026-11-13T10:00:00'));
  const chats: Record<string, TelegramChat> = {};
  const reminders = (chat: TelegramChat) => chat.messages.filter((m) => m.text.startsWith('🔔'));

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    app = await startTestApp({ databaseUrl: database.url, telegram: api, clock, env: { ADMINS: `telegram:${OFFICIAL}` } });
    // Only two units of the annual report's kinds have contacts; the rest stay silent.
    let id = 1000;
    for (const code of ['SO_TC', 'H_DAK_MIL']) {
      const unit = await app.database.db.unit.findFirstOrThrow({ where: { code } });
      const invite = await app.database.db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 60, now: clock.now() }));
      chats[code] = new TelegramChat(api, id++);
      await chats[code].say(`/start ${invite.code}`);
    }
    chats.official = new TelegramChat(api, OFFICIAL);
    await chats.official.say('/tonghoptuan on');
  });
  afterAll(async () => {
    await app?.stop();
    await api?.stop();
    await database?.drop();
  });

  async function sweepAt(time: string) {
    clock.set(vn(time));
    await app.runScheduler();
    // Proactive messages are paced (a second apart per chat): wait until all are out.
    const { db } = app.database;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
      const inFlight = await db.outboxMessage.count({ where: { OR: [{ status: 'sending' }, { status: 'pending', nextAttemptAt: { lte: clock.now() } }] } });
      if (!inFlight) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  it('should send nothing before the first rung, and nothing in quiet hours', async () => {
    await sweepAt('2026-11-13T10:00:00');
    await sweepAt('2026-11-16T06:30:00'); // the first rung is due, but it is 06:30
    expect(reminders(chats.SO_TC!)).toHaveLength(0);
    expect(await app.database.db.reminder.count()).toBe(0);
  });

  it('should send the 30-day rung once to every contact, whatever the number of sweeps', async () => {
    await sweepAt('2026-11-16T07:00:00'); // 15 Nov is a Sunday: the rung moved to Monday 07:00
    await sweepAt('2026-11-16T07:01:00');
    await sweepAt('2026-11-17T09:00:00');
    for (const code of ['SO_TC', 'H_DAK_MIL']) {
      const got = reminders(chats[code]!);
      expect(got).toHaveLength(1);
      expect(got[0]!.text).toContain('Hạn nộp: 15/12/2026 · còn 29 ngày');
      expect(got[0]!.buttons.flat().map((b) => b.text)).toEqual(['✍️ Làm ngay', '⏰ Nhắc lại ngày mai', '📄 Đã nộp bản giấy']);
    }
    const rows = await app.database.db.reminder.findMany({ where: { cycleCode: 'annual_report' } });
    expect(new Set(rows.map((r) => r.rung))).toEqual(new Set(['d-30']));
  });

  it('should skip rungs made obsolete while the bot was down', async () => {
    await sweepAt('2026-12-14T07:30:00'); // down since 17 Nov: d-14 and d-7 are past, d-3 is due
    const latest = reminders(chats.SO_TC!).at(-1)!;
    expect(latest.text).toContain('còn 1 ngày');
    const rungs = (await app.database.db.reminder.findMany({ where: { unit: { code: 'SO_TC' }, cycleCode: 'annual_report' } })).map((r) => r.rung);
    expect(rungs.sort()).toEqual(['d-3', 'd-30']);
  });

  it('should hold a unit that asked to be reminded tomorrow, then remind it once', async () => {
    await chats.H_DAK_MIL!.press('Nhắc lại ngày mai');
    expect(chats.H_DAK_MIL!.last.text).toContain('Bot sẽ nhắc lại lúc 08:00 15/12/2026');
    const before = reminders(chats.H_DAK_MIL!).length;
    await sweepAt('2026-12-14T08:00:00'); // d-1 is due, but the unit snoozed
    expect(reminders(chats.H_DAK_MIL!)).toHaveLength(before);
    await sweepAt('2026-12-15T08:00:00');
    await sweepAt('2026-12-15T08:05:00');
    expect(reminders(chats.H_DAK_MIL!)).toHaveLength(before + 1);
    expect(reminders(chats.H_DAK_MIL!).at(-1)!.text).toContain('hôm nay là hạn cuối');
  });

  it('should stop reminding a unit that submitted or sent it on paper', async () => {
    const sotc = reminders(chats.SO_TC!).length;
    await chats.SO_TC!.press('Đã nộp bản giấy');
    expect(chats.SO_TC!.last.text).toContain('nộp bản giấy');
    await sweepAt('2026-12-18T08:00:00'); // o1
    expect(reminders(chats.SO_TC!)).toHaveLength(sotc);
    expect(reminders(chats.H_DAK_MIL!).at(-1)!.text).toContain('đã quá hạn 3 ngày');
  });

  it('should escalate the overdue units to officials once, leaving out the paper one', async () => {
    const escalations = chats.official!.messages.filter((m) => m.text.startsWith('⚠️'));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.text).toContain('Đắk Mil');
    expect(escalations[0]!.text).not.toContain('Sở Tài chính');
    await sweepAt('2026-12-21T08:00:00');
    expect(chats.official!.messages.filter((m) => m.text.startsWith('⚠️'))).toHaveLength(1);
  });

  it('should send the weekly digest on Monday morning, once', async () => {
    const ofThatMonday = () => chats.official!.messages.filter((m) => m.text.startsWith('📋 Tổng hợp tuần (28/12/2026)'));
    await sweepAt('2026-12-28T07:30:00'); // Monday, but before 08:00
    expect(ofThatMonday()).toHaveLength(0);
    await sweepAt('2026-12-28T08:00:00');
    await sweepAt('2026-12-28T09:00:00');
    const digests = ofThatMonday();
    expect(digests).toHaveLength(1);
    // Earlier Mondays had theirs, one each.
    expect(chats.official!.messages.filter((m) => m.text.startsWith('📋'))).toHaveLength(3);
    expect(digests[0]!.text).toMatch(/Báo cáo năm 2026: 1\/\d+ đơn vị đã nộp/);
  });

  it('should let an official nudge an overdue unit now', async () => {
    const before = reminders(chats.H_DAK_MIL!).length;
    await chats.official!.say('/nhacnho');
    await chats.official!.press('Đắk Mil');
    expect(chats.official!.last.text).toContain('Đã gửi lời nhắc đến 1 đơn vị (1 đầu mối)');
    await chats.H_DAK_MIL!.waitFor((m) => m.text.startsWith('🔔 Ban Thi đua - Khen thưởng nhắc đơn vị'));
    expect(reminders(chats.H_DAK_MIL!)).toHaveLength(before + 1);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL database', () => {
  it('should queue each reminder exactly once when both sweep together', async () => {
    const database = await createEmptyDatabase('postgresql');
    const clock = new TestClock(vn('2026-12-01T08:30:00'));
    const a = await startTestApp({ databaseUrl: database.url, clock });
    const b = await startTestApp({ databaseUrl: database.url, clock });
    try {
      const { db } = a.database;
      const units = await db.unit.findMany({ where: { kind: { code: { in: ['department', 'district', 'mass_org'] } } } });
      for (const [i, unit] of units.entries()) {
        await db.person.create({
          data: {
            displayName: `Contact ${i}`,
            identities: { create: { channel: 'web', externalId: `visitor-${i}`, chatId: `visitor-${i}` } },
            roles: { create: { role: 'unit_contact', unitId: unit.id } },
          },
        });
      }
      await Promise.all([a.runScheduler(), b.runScheduler(), a.runScheduler(), b.runScheduler()]);
      const rows = await db.reminder.findMany();
      expect(rows).toHaveLength(units.length);
      expect(new Set(rows.map((r) => r.rung))).toEqual(new Set(['d-14']));
      const outbox = await db.outboxMessage.findMany({ where: { kind: 'notice' } });
      expect(outbox).toHaveLength(units.length);
      expect(new Set(outbox.map((o) => o.chatId)).size).toBe(units.length);
    } finally {
      await a.stop();
      await b.stop();
      await database.drop();
    }
  });
});
