import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDuplicateUpdate } from '../../src/bot/is-duplicate-update.js';
import { CatalogueCache } from '../../src/bot/catalogue-cache.js';
import { loadTurnState } from '../../src/bot/load-turn-state.js';
import { findUnit } from '../../src/units/find-unit.js';
import { isReportingBlocked } from '../../src/waste/is-reporting-blocked.js';
import type { Db } from '../../src/store/db.js';
import { createMigratedDatabase, providers, type TestDatabase } from '../helpers/test-database.js';

describe.each(providers)('loadTurnState (%s)', (provider) => {
  let made: TestDatabase & { database: { db: Db; close(): Promise<void> } };
  let db: Db;
  let seq = 0;
  const at = new Date('2026-11-30T01:02:03.456Z');
  let campaignId = 'none';
  const options = (externalId: string, updateId = `u${++seq}`) => ({ channel: 'telegram' as const, updateId, externalId, campaignId, now: at, defaultLocale: 'vi' as const });
  const load = async (externalId: string, updateId?: string) => (await db.$transaction((tx) => loadTurnState(tx, options(externalId, updateId)))).state;

  beforeAll(async () => {
    made = await createMigratedDatabase(provider);
    db = made.database.db;
  });
  afterAll(async () => {
    await made.database.close();
    await made.drop();
  });

  it('records the update and says an unknown account is new', async () => {
    expect(await load('nobody', 'first')).toBeNull();
    const stored = await db.processedUpdate.findUnique({ where: { channel_updateId: { channel: 'telegram', updateId: 'first' } } });
    expect(stored?.processedAt.toISOString()).toBe(at.toISOString());
  });

  it('fails on an update recorded before, as a unique violation of ProcessedUpdate', async () => {
    await load('nobody', 'twice');
    const error = (await load('nobody', 'twice').catch((e: unknown) => e)) as { code?: string; message?: string; meta?: unknown };
    expect(isDuplicateUpdate(error)).toBe(true);
  });

  it('reads the account, its person, current roles, block and conversation in one go', async () => {
    const seen = new Date('2026-11-29T10:00:00.123Z');
    const person = await db.person.create({ data: { displayName: 'Lan', locale: 'en' } });
    const identity = await db.identity.create({ data: { personId: person.id, channel: 'telegram', externalId: 'lan', chatId: '42', username: 'lan', displayName: 'Lan T', lastSeenAt: seen } });
    const unit = await db.unit.findFirst();
    await db.roleAssignment.create({ data: { personId: person.id, role: 'official' } });
    await db.roleAssignment.create({ data: { personId: person.id, role: 'unit_contact', unitId: unit?.id ?? null } });
    await db.roleAssignment.create({ data: { personId: person.id, role: 'admin', revokedAt: seen } });

    const plain = await load('lan');
    expect(plain?.identity).toEqual({ id: identity.id, personId: person.id, chatId: '42', username: 'lan', displayName: 'Lan T', status: 'active', lastSeenAt: seen });
    expect(plain?.person.locale).toBe('en');
    expect([...plain!.person.roles].sort()).toEqual(['citizen', 'official', 'unit_contact']);
    expect(plain?.conversation).toBeNull();

    const started = new Date('2026-11-30T00:59:00.001Z');
    await db.conversation.create({
      data: { identityId: identity.id, flowId: 'waste', step: 'category', dataJson: '{"a":1}', promptJson: JSON.stringify({ lines: [{ key: 'waste.askCategory' }], ask: { kind: 'text' } }), seq: 3, version: 2, startedAt: started, updatedAt: at },
    });
    const report = await db.wasteReport.findFirst();
    if (report) await db.reportingBlock.create({ data: { reportId: report.id, personId: person.id } });

    const state = await db.$transaction(async (tx) => {
      const { state: loaded } = await loadTurnState(tx, options('lan'));
      return { loaded, blocked: await isReportingBlocked(tx, { personId: person.id }) };
    });
    expect(state.loaded?.conversation).toMatchObject({ flowId: 'waste', step: 'category', data: { a: 1 }, seq: 3, version: 2, startedAt: started, updatedAt: at });
    expect(state.blocked).toBe(Boolean(report));
  });

  it('reads the catalogue stamp along, and the cache answers from it until it changes', async () => {
    const campaign = await db.campaign.create({
      data: { code: 'C', nameVi: 'C', nameEn: 'C', startYear: 2021, endYear: 2025, sourceHash: 'abc', loadedAt: at },
    });
    campaignId = campaign.id;
    const kind = await db.unitKind.create({ data: { campaignId, code: 'dept', nameVi: 'Sở', nameEn: 'Dept' } });
    const unit = await db.unit.create({ data: { campaignId, code: 'SO', nameVi: 'Sở A', nameEn: 'Dept A', kindId: kind.id } });
    const cache = new CatalogueCache();
    const turn = () =>
      db.$transaction(async (tx) => {
        const { catalogue } = await loadTurnState(tx, options('nobody'));
        cache.seen(catalogue);
        return { catalogue, unit: await cache.run(tx, findUnit, { unitId: unit.id }) };
      });

    const first = await turn();
    expect(first.catalogue).toMatch(/^abc@/);
    first.unit!.nameVi = 'changed by a caller';
    await db.unit.update({ where: { id: unit.id }, data: { nameVi: 'Sở B' } });
    // Only a campaign load writes units; until one, the kept answer is served, as it was read.
    expect((await turn()).unit?.nameVi).toBe('Sở A');

    await db.campaign.update({ where: { id: campaignId }, data: { loadedAt: new Date(at.getTime() + 1000) } });
    const reloaded = await turn();
    expect(reloaded.catalogue).not.toBe(first.catalogue);
    expect(reloaded.unit?.nameVi).toBe('Sở B');
  });
});
