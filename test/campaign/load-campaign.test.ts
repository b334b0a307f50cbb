import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaign } from '../../src/campaign/load-campaign.js';
import { readCampaignFile } from '../../src/campaign/read-campaign-file.js';
import { DEFAULT_CAMPAIGN_FILE } from '../../src/config.js';
import { CampaignFileError } from '../../src/errors.js';
import { TestClock } from '../helpers/test-clock.js';
import { createMigratedDatabase, providers } from '../helpers/test-database.js';

const bundled = JSON.parse(readFileSync(DEFAULT_CAMPAIGN_FILE, 'utf8')) as Record<string, unknown> & {
  units: { code: string; nameVi: string }[];
  criteria: { code: string; target?: { value?: number } }[];
};

function writeCampaign(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'campaign-')), 'campaign.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('readCampaignFile', () => {
  it('should accept the bundled Đắk Nông plan', () => {
    const { campaign } = readCampaignFile(DEFAULT_CAMPAIGN_FILE);
    expect(campaign.code).toBe('DAK_NONG_2022_2030');
    expect(campaign.units.filter((u) => u.kind === 'district').map((u) => u.shortName)).toEqual([
      'TP. Gia Nghĩa', 'Cư Jút', 'Đắk Glong', 'Đắk Mil', "Đắk R'lấp", 'Đắk Song', 'Krông Nô', 'Tuy Đức',
    ]);
    const disbursement = campaign.criteria.find((c) => c.code === 'PUBLIC_INVESTMENT_DISBURSEMENT')!;
    expect(disbursement.target?.value).toBe(100);
    const recurrent = campaign.criteria.find((c) => c.code === 'RECURRENT_SPENDING_SHARE')!;
    expect([recurrent.direction, recurrent.target?.value, recurrent.target?.max]).toEqual(['lower', 60, 63]);
    expect(campaign.wasteCategories.length).toBeGreaterThanOrEqual(6);
    expect(campaign.holidays.some((h) => h.day === '2026-02-17')).toBe(true);
  });

  it('should list every problem of a broken file with its path', () => {
    const broken = { ...bundled, units: [...bundled.units, { code: 'X', nameVi: 'X', nameEn: 'X', kind: 'planet' }] };
    delete (broken as Record<string, unknown>).wasteCategories;
    const file = writeCampaign(broken);
    let error: unknown;
    try {
      readCampaignFile(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CampaignFileError);
    expect((error as CampaignFileError).issues.join('\n')).toContain('wasteCategories');
  });

  it('should explain a missing file', () => {
    expect(() => readCampaignFile('/nonexistent/campaign.json')).toThrow(/cannot read it.*CAMPAIGN_FILE/);
  });
});

describe.each(providers)('loadCampaign (%s)', (provider) => {
  let testDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
  const clock = new TestClock();
  beforeAll(async () => {
    testDb = await createMigratedDatabase(provider);
  });
  afterAll(async () => testDb?.drop());

  it('should load the catalogue once and skip an unchanged file', async () => {
    const { db } = testDb.database;
    const source = readCampaignFile(DEFAULT_CAMPAIGN_FILE);
    const first = await loadCampaign({ db, source, clock });
    expect(first.changed).toBe(true);
    const second = await loadCampaign({ db, source, clock });
    expect(second).toEqual({ campaignId: first.campaignId, changed: false });
    expect(await db.unit.count()).toBe(bundled.units.length);
    expect(await db.criterion.count()).toBe(bundled.criteria.length);
    const finance = await db.unit.findFirstOrThrow({ where: { code: 'SO_TC' }, include: { leadAreas: { include: { area: true } }, kind: true } });
    expect(finance.kind.code).toBe('department');
    expect(finance.leadAreas.map((l) => l.area.code)).toEqual(['finance']);
  });

  it('should update an edited file in place without losing submitted data', async () => {
    const { db } = testDb.database;
    const unit = await db.unit.findFirstOrThrow({ where: { code: 'H_TUY_DUC' } });
    const criterion = await db.criterion.findFirstOrThrow({ where: { code: 'ROAD_PAVING_RATE' } });
    const person = await db.person.create({ data: { displayName: 'Đầu mối' } });
    await db.progressUpdate.create({
      data: { unitId: unit.id, criterionId: criterion.id, period: '2026', year: 2026, valueNumber: 71, submittedById: person.id },
    });

    const edited = structuredClone(bundled);
    edited.units = edited.units.filter((u) => u.code !== 'H_TUY_DUC');
    edited.units.push({ code: 'XA_MOI', nameVi: 'UBND xã Mới', nameEn: 'New Commune', kind: 'district' } as never);
    edited.criteria.find((c) => c.code === 'ROAD_PAVING_RATE')!.target = { value: 80 };
    await loadCampaign({ db, source: readCampaignFile(writeCampaign(edited)), clock });

    expect(await db.unit.count()).toBe(bundled.units.length + 1);
    expect((await db.unit.findFirstOrThrow({ where: { code: 'H_TUY_DUC' } })).active).toBe(false);
    expect((await db.unit.findFirstOrThrow({ where: { code: 'XA_MOI' } })).active).toBe(true);
    expect((await db.criterion.findUniqueOrThrow({ where: { id: criterion.id } })).targetValue).toBe(80);
    expect(await db.progressUpdate.count({ where: { unitId: unit.id, criterionId: criterion.id } })).toBe(1);

    // Loading the original again brings the unit back, under the same id.
    await loadCampaign({ db, source: readCampaignFile(DEFAULT_CAMPAIGN_FILE), clock });
    const back = await db.unit.findFirstOrThrow({ where: { code: 'H_TUY_DUC' } });
    expect([back.id, back.active]).toEqual([unit.id, true]);
  });
});
