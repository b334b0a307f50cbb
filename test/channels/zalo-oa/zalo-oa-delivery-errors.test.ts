import { traitsOf } from '../../../src/channels/all-channels.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZALO_OA_QUOTA_BACKOFF_SECONDS, ZALO_OA_RATE_BACKOFF_SECONDS } from '../../../src/channels/zalo-oa/classify-zalo-oa-error.js';
import { getCampaignSchedule } from '../../../src/campaign/get-campaign-schedule.js';
import { cyclePeriods, dueEnd } from '../../../src/cycles/cycle-periods.js';
import { createTranslator } from '../../../src/i18n/create-translator.js';
import { createInvite } from '../../../src/invites/create-invite.js';
import { queueReminder } from '../../../src/scheduler/run-reminder-sweep.js';
import { queueMessage } from '../../../src/outbox/queue-message.js';
import { createRenderReply } from '../../../src/outbox/render-reply.js';
import { FakeZaloOaApi, ZaloOaChat } from '../../helpers/fake-zalo-oa-api.js';
import { startTestApp, type TestApp } from '../../helpers/start-test-app.js';
import { TestClock } from '../../helpers/test-clock.js';
import { createEmptyDatabase, type TestDatabase } from '../../helpers/test-database.js';

// Error bodies as the OA answers them: HTTP 200 with { error, message } (developers.zalo.me,
// Official Account → "Phụ lục: Mã lỗi").
describe('Zalo OA delivery errors', () => {
  let oa: FakeZaloOaApi;
  let database: TestDatabase;
  let app: TestApp;
  const clock = new TestClock(new Date());
  const render = createRenderReply(createTranslator(), traitsOf);
  const chat = (userId: string) => new ZaloOaChat(oa, `${app.url}/zalo-oa/webhook`, userId);

  beforeAll(async () => {
    oa = await new FakeZaloOaApi().start();
    database = await createEmptyDatabase('sqlite');
    app = await startTestApp({ databaseUrl: database.url, clock, env: { ...oa.env(), ADMINS: 'zalo_oa:oa-admin' } });
    await oa.authorize(app.database.db, clock.now());
  });
  afterAll(async () => {
    await app?.stop();
    await oa?.stop();
    await database?.drop();
  });

  /** A proactive message (a status change, a reminder) to a person who wrote before. */
  const notify = async (userId: string, text: string) => {
    const identity = await app.database.db.identity.findFirstOrThrow({ where: { channel: 'zalo_oa', externalId: userId } });
    const rows = await app.database.db.$transaction((tx) =>
      queueMessage(tx, { personId: identity.personId, reply: { lines: [{ text }] }, dedupeKey: `test:${userId}:${text}`, render, defaultLocale: 'vi', now: clock.now() }),
    );
    await app.outbox.deliverNow(rows);
    return app.database.db.outboxMessage.findUniqueOrThrow({ where: { id: rows[0]!.id } });
  };
  const identityStatus = async (userId: string) => (await app.database.db.identity.findFirstOrThrow({ where: { channel: 'zalo_oa', externalId: userId } })).status;

  it('should hold a message outside the interaction window (-230) until the person writes, and show officials why', async () => {
    const citizen = chat('w-230');
    await citizen.say('/start');
    oa.outsideWindow.add('w-230');
    const row = await notify('w-230', 'Phản ánh của bạn đã được xử lý.');
    expect(row).toMatchObject({ status: 'waiting', attempts: 0 });
    expect(row.lastError).toContain('-230');
    // Sweeps leave it alone: it is not sent blindly, nor given up.
    clock.advance(3_600_000);
    await app.outbox.sweep();
    expect((await app.database.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('waiting');
    expect(await identityStatus('w-230')).toBe('active');
    // Events are stamped with the real time, which the checks compare with the app's clock.
    clock.set(new Date());

    const admin = chat('oa-admin');
    const failures = await admin.say('/guiloi');
    expect(failures).toContain('Đang chờ người nhận nhắn lại (quá thời hạn tương tác của Zalo OA): 1.');
    expect(failures).toContain('-230');

    await citizen.say('/help');
    await app.outbox.sweep();
    await citizen.waitFor((m) => m.text === 'Phản ánh của bạn đã được xử lý.');
    expect((await app.database.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sent');
  });

  it("should tell officials in /quahan that a unit's reminder waits for its contact to write to the OA", async () => {
    clock.set(new Date());
    const db = app.database.db;
    const unit = await db.unit.findFirstOrThrow({ where: { code: 'SO_TC' } });
    const code = (await db.$transaction((tx) => createInvite(tx, { role: 'unit_contact', unitId: unit.id, createdById: null, ttlDays: 14, now: clock.now() }))).code;
    const contact = chat('w-contact');
    await contact.say(`/start ${code}`);
    oa.outsideWindow.add('w-contact');
    const campaign = await db.campaign.findFirstOrThrow({ where: { units: { some: { id: unit.id } } } });
    // A campaign that went live a year ago, so last quarter's figures are overdue.
    await db.campaign.update({ where: { id: campaign.id }, data: { goLiveAt: new Date(clock.now().getTime() - 365 * 86_400_000) } });
    const cycle = (await getCampaignSchedule(db, campaign.id)).cycles.find((c) => c.kind === 'quarterly_progress')!;
    const [late] = cyclePeriods(cycle, clock.now()).filter((p) => clock.now() > dueEnd(p.due)).slice(-1);
    await queueReminder({ db, render, defaultLocale: 'vi' }, { cycle, period: late!.period, due: late!.due, rung: 'overdue-1', daysLeft: -1, unit, now: clock.now() });
    await app.outbox.sweep();
    await app.outbox.sweep();
    const overdue = await chat('oa-admin').say('/quahan');
    const line = overdue.split('\n').find((l) => l.includes('Sở Tài chính') && l.includes('lời nhắc'));
    expect(line).toContain('lời nhắc chưa tới: chờ đầu mối nhắn lại cho Zalo OA');
    // Once the contact writes, the reminder goes out and the warning is gone.
    await contact.say('/help');
    await contact.waitFor((m) => m.text.includes('Quý'));
    await app.outbox.sweep();
    expect((await chat('oa-admin').say('/quahan')).split('\n').find((l) => l.includes('Sở Tài chính'))).not.toContain('lời nhắc');
  });

  it('should mark a person who no longer follows the OA (-213) unreachable', async () => {
    await chat('w-213').say('/start');
    oa.failNextSends({ error: -213, message: 'User has not followed OA' });
    const row = await notify('w-213', 'Tin nhắn');
    expect(row.status).toBe('failed');
    expect(await identityStatus('w-213')).toBe('unreachable');
  });

  it('should mark a person Zalo has locked (-227) unreachable', async () => {
    await chat('w-227').say('/start');
    oa.failNextSends({ error: -227, message: 'User is locked or inactive for more than 45 days' });
    expect((await notify('w-227', 'Tin nhắn')).status).toBe('failed');
    expect(await identityStatus('w-227')).toBe('unreachable');
  });

  it('should pause after the rate limit (-32) and much longer after the quota (-224)', async () => {
    await chat('w-32').say('/start');
    oa.failNextSends({ error: -32, message: 'Request exceeds rate limit' });
    const limited = await notify('w-32', 'Tin nhắn một');
    expect(limited.status).toBe('pending');
    expect(limited.nextAttemptAt.getTime() - clock.now().getTime()).toBe(ZALO_OA_RATE_BACKOFF_SECONDS * 1000);
    oa.failNextSends({ error: -224, message: 'OA has exceeded the quota of this message type' });
    const quota = await notify('w-32', 'Tin nhắn hai');
    expect(quota.nextAttemptAt.getTime() - clock.now().getTime()).toBe(ZALO_OA_QUOTA_BACKOFF_SECONDS * 1000);
    expect(await identityStatus('w-32')).toBe('active');
  });

  it('should give up on a message the OA calls invalid (-201) without blaming the person', async () => {
    await chat('w-201').say('/start');
    oa.failNextSends({ error: -201, message: 'Parameters invalid' });
    const row = await notify('w-201', 'Tin nhắn');
    expect(row.status).toBe('failed');
    expect(row.lastError).toBe('Zalo OA -201: Parameters invalid');
    expect(await identityStatus('w-201')).toBe('active');
  });
});
