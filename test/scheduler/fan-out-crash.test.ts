import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CAMPAIGN_FILE } from '../../src/config.js';
import { localDate } from '../../src/domain/period.js';
import { createDatabase } from '../../src/store/create-database.js';
import { BotProcess } from '../helpers/bot-process.js';
import { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { createEmptyDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

const UNITS = 150;

/** The bundled campaign with many districts and an annual report due yesterday, sent at any hour. */
function fanOutCampaign(): string {
  const campaign = JSON.parse(readFileSync(DEFAULT_CAMPAIGN_FILE, 'utf8'));
  const yesterday = localDate(new Date(Date.now() - 86_400_000));
  // The departments stay: province-wide criteria name them as their owners.
  campaign.units = [
    ...campaign.units.filter((u: { kind: string }) => u.kind === 'department'),
    ...Array.from({ length: UNITS }, (_, i) => ({ code: `XA_${i}`, nameVi: `UBND xã ${i}`, nameEn: `Commune ${i}`, kind: 'district' })),
  ];
  // Live well before the due day: the report was asked for in the bot.
  campaign.goLive = '2025-01-01';
  campaign.holidays = [];
  campaign.schedule = {
    quietHours: { start: '00:00', end: '00:00' },
    skipWeekends: false,
    cycles: [
      {
        code: 'annual_report', kind: 'annual_report', nameVi: 'Báo cáo năm', nameEn: 'Annual report', appliesTo: ['district'],
        due: { month: yesterday.month, day: yesterday.day },
        ladder: { daysBefore: [], onDueDay: true, overdueEveryDays: 30, overdueMaxReminders: 0, escalateAfterDays: 100 },
      },
    ],
  };
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'fanout-')), 'campaign.json');
  writeFileSync(file, JSON.stringify(campaign));
  return file;
}

describe.each(providers)('SIGKILL in the middle of a reminder fan-out (%s)', (provider) => {
  let api: FakeTelegramApi;
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    database = await createEmptyDatabase(provider);
    env = { DATABASE_URL: database.url, TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, CAMPAIGN_FILE: fanOutCampaign(), OUTBOX_LEASE_SECONDS: '1' };
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('should queue each reminder once and lose none across the crash', async () => {
    // First start: migrate and load the campaign, then give every commune a contact.
    const setup = new BotProcess({ ...env, SCHEDULER_ENABLED: 'false' });
    await setup.start();
    // SQLite is one process's file: the test's own connection is closed while the bot runs.
    let { db, close } = await createDatabase(database.target);
    const units = await db.unit.findMany({ where: { code: { startsWith: 'XA_' } } });
    for (const [i, unit] of units.entries()) {
      await db.person.create({
        data: {
          displayName: `Contact ${i}`,
          identities: { create: { channel: 'telegram', externalId: String(50_000 + i), chatId: String(50_000 + i) } },
          roles: { create: { role: 'unit_contact', unitId: unit.id } },
        },
      });
    }
    await close();
    await setup.kill();

    api.delayMs = 30;
    const bot = new BotProcess(env);
    await bot.start();
    const deadline = Date.now() + 30_000;
    while (api.sent.length < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await bot.kill();
    const beforeCrash = api.sent.length;
    expect(beforeCrash).toBeGreaterThanOrEqual(30);
    expect(beforeCrash).toBeLessThan(UNITS);

    await bot.start();
    const end = Date.now() + 60_000;
    const chats = () => new Set(api.sent.map((m) => m.chatId));
    while (chats().size < UNITS && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1500));
    await bot.terminate();

    ({ db, close } = await createDatabase(database.target));
    // Queued exactly once: one reminder and one outbox row per commune.
    expect(await db.reminder.count()).toBe(UNITS);
    expect(await db.outboxMessage.count({ where: { kind: 'notice' } })).toBe(UNITS);
    // Delivered to every commune. A message whose send was under way at the instant of the
    // kill may arrive twice (no Bot API lets a sender ask "did that go through?"); at most
    // the messages in flight, one per parallel chat.
    expect(chats().size).toBe(UNITS);
    const doubled = api.sent.length - UNITS;
    expect(doubled).toBeLessThanOrEqual(8);
    expect(api.sent.every((m) => m.text.startsWith('🔔'))).toBe(true);
    await close();
  });
});
