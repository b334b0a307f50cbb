import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaign } from '../../src/campaign/load-campaign.js';
import { readCampaignFile } from '../../src/campaign/read-campaign-file.js';
import { DEFAULT_CAMPAIGN_FILE } from '../../src/config.js';
import { createInvite } from '../../src/invites/create-invite.js';
import { redeemInvite } from '../../src/invites/redeem-invite.js';
import { DAY, TestClock } from '../helpers/test-clock.js';
import { createMigratedDatabase, providers } from '../helpers/test-database.js';

describe.each(providers)('invites (%s)', (provider) => {
  let testDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
  const clock = new TestClock();
  let unitId: string;

  beforeAll(async () => {
    testDb = await createMigratedDatabase(provider);
    const { db } = testDb.database;
    await loadCampaign({ db, source: readCampaignFile(DEFAULT_CAMPAIGN_FILE), clock });
    unitId = (await db.unit.findFirstOrThrow({ where: { code: 'SO_XD' } })).id;
  });
  afterAll(async () => testDb?.drop());

  const newPerson = () => testDb.database.db.person.create({ data: { displayName: 'P' } });
  const invite = (role: 'unit_contact' | 'official' = 'unit_contact') =>
    testDb.database.db.$transaction((tx) =>
      createInvite(tx, { role, unitId: role === 'unit_contact' ? unitId : null, createdById: null, ttlDays: 14, now: clock.now() }),
    );

  it('should store only a hash of the code', async () => {
    const { code } = await invite();
    const rows = await testDb.database.db.invite.findMany();
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('should let exactly one of many concurrent people use a code', async () => {
    const { code } = await invite();
    const people = await Promise.all(Array.from({ length: 8 }, newPerson));
    const results = await Promise.allSettled(
      people.map((p) => testDb.database.db.$transaction((tx) => redeemInvite(tx, { code, personId: p.id, now: clock.now() }), { maxWait: 20_000, timeout: 20_000 })),
    );
    const values = results.map((r) => (r.status === 'fulfilled' ? r.value : { ok: false, reason: 'error' }));
    expect(values.filter((v) => v.ok)).toHaveLength(1);
    expect(values.filter((v) => !v.ok).map((v) => (v as { reason: string }).reason)).toEqual(Array(7).fill('used'));
    const roles = await testDb.database.db.roleAssignment.findMany({ where: { personId: { in: people.map((p) => p.id) } } });
    expect(roles).toHaveLength(1);
  });

  it('should be idempotent for the person who already used it', async () => {
    const { code } = await invite('official');
    const person = await newPerson();
    const db = testDb.database.db;
    const first = await db.$transaction((tx) => redeemInvite(tx, { code, personId: person.id, now: clock.now() }));
    const again = await db.$transaction((tx) => redeemInvite(tx, { code, personId: person.id, now: clock.now() }));
    expect(first).toMatchObject({ ok: true, role: 'official', again: false });
    expect(again).toMatchObject({ ok: true, role: 'official', again: true });
    expect(await db.roleAssignment.count({ where: { personId: person.id } })).toBe(1);
  });

  it('should refuse the code to the person who used it once the role it gave was revoked or the code expired', async () => {
    const { code } = await invite();
    const person = await newPerson();
    const db = testDb.database.db;
    expect(await db.$transaction((tx) => redeemInvite(tx, { code, personId: person.id, now: clock.now() }))).toMatchObject({ ok: true, again: false });
    const later = new Date(clock.now().getTime() + 15 * DAY);
    expect(await db.$transaction((tx) => redeemInvite(tx, { code, personId: person.id, now: later }))).toEqual({ ok: false, reason: 'expired' });
    await db.roleAssignment.updateMany({ where: { personId: person.id }, data: { revokedAt: clock.now() } });
    expect(await db.$transaction((tx) => redeemInvite(tx, { code, personId: person.id, now: clock.now() }))).toEqual({ ok: false, reason: 'withdrawn' });
    expect(await db.roleAssignment.count({ where: { personId: person.id, revokedAt: null } })).toBe(0);
  });

  it('should refuse expired, unknown and malformed codes with the reason', async () => {
    const { code } = await invite();
    const person = await newPerson();
    const db = testDb.database.db;
    const later = new Date(clock.now().getTime() + 15 * DAY);
    expect(await db.$transaction((tx) => redeemInvite(tx, { code, personId: person.id, now: later }))).toEqual({ ok: false, reason: 'expired' });
    expect(await db.$transaction((tx) => redeemInvite(tx, { code: '0'.repeat(26), personId: person.id, now: clock.now() }))).toEqual({ ok: false, reason: 'unknown' });
    expect(await db.$transaction((tx) => redeemInvite(tx, { code: 'hello', personId: person.id, now: clock.now() }))).toEqual({ ok: false, reason: 'malformed' });
  });
});
