import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueCache } from '../../src/bot/catalogue-cache.js';
import { loadCampaign } from '../../src/campaign/load-campaign.js';
import { readCampaignFile } from '../../src/campaign/read-campaign-file.js';
import { DEFAULT_CAMPAIGN_FILE } from '../../src/config.js';
import { loadYearCatalogue } from '../../src/reports/load-year-catalogue.js';
import type { Db } from '../../src/store/db.js';
import { listWasteCategories } from '../../src/waste/list-waste-categories.js';
import { TestClock } from '../helpers/test-clock.js';
import { createMigratedDatabase, type TestDatabase } from '../helpers/test-database.js';

describe('CatalogueCache', () => {
  let made: TestDatabase & { database: { db: Db; close(): Promise<void> } };
  let db: Db;
  let campaignId: string;
  const clock = new TestClock(new Date('2026-11-30T01:00:00Z'));
  const cache = new CatalogueCache();
  const stamp = async () => {
    const c = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    return `${c.sourceHash}@${c.loadedAt.toISOString()}`;
  };
  const read = async <O, R>(operation: (tx: never, options: O) => Promise<R>, options: O): Promise<R> => {
    cache.seen(await stamp());
    return db.$transaction((tx) => cache.run(tx, operation as never, options) as Promise<R>);
  };

  beforeAll(async () => {
    made = await createMigratedDatabase('sqlite');
    db = made.database.db;
    ({ campaignId } = await loadCampaign({ db, source: readCampaignFile(DEFAULT_CAMPAIGN_FILE), clock }));
  });
  afterAll(async () => {
    await made.database.close();
    await made.drop();
  });

  it('should hand out a year\'s catalogue once read, frozen, so no caller can change what the next turn reads', async () => {
    const first = await read(loadYearCatalogue, { campaignId, year: 2026 });
    const again = await read(loadYearCatalogue, { campaignId, year: 2026 });
    expect(again).toBe(first);
    expect(first.criteria.length).toBeGreaterThan(30);
    expect(() => first.criteria.pop()).toThrow(TypeError);
    expect(() => {
      (first.criteria[0]!.audience as unknown[]).length = 0;
    }).toThrow(TypeError);
    expect(() => {
      first.categoryNames.x = 'y';
    }).toThrow(TypeError);
    // Another year is another answer.
    expect(await read(loadYearCatalogue, { campaignId, year: 2025 })).not.toBe(first);
    // A new load of the file drops it.
    await db.campaign.update({ where: { id: campaignId }, data: { loadedAt: new Date('2026-11-30T02:00:00Z') } });
    const reloaded = await read(loadYearCatalogue, { campaignId, year: 2026 });
    expect(reloaded).not.toBe(first);
    expect(reloaded.criteria.map((c) => c.code)).toEqual(first.criteria.map((c) => c.code));
  });

  it('should give every caller of a small read its own copy', async () => {
    const mine = await read(listWasteCategories, { campaignId });
    mine[0]!.nameVi = 'changed by a caller';
    mine.pop();
    const theirs = await read(listWasteCategories, { campaignId });
    expect(theirs).toHaveLength(mine.length + 1);
    expect(theirs[0]!.nameVi).not.toBe('changed by a caller');
  });
});
