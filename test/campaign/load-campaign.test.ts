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
  criteria: { code: string; scope: string; owner?: string; rollup?: string; weightCriterion?: string; measure: string; targets?: { phase: string; basis: string; value?: number; year?: number; fromYear?: number }[] }[];
};

const issuesOf = (content: unknown): string => {
  try {
    readCampaignFile(writeCampaign(content));
  } catch (e) {
    return (e as CampaignFileError).issues.join('\n');
  }
  return '';
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
    expect(disbursement.targets.map((t) => [t.phase, t.value])).toEqual([['P1', 100], ['P2', 100]]);
    const recurrent = campaign.criteria.find((c) => c.code === 'RECURRENT_SPENDING_SHARE')!;
    expect([recurrent.direction, recurrent.targets[0]?.value, recurrent.targets[0]?.max]).toEqual(['lower', 60, 63]);
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

  it('should carry the targets as the plan means them', () => {
    const { campaign } = readCampaignFile(DEFAULT_CAMPAIGN_FILE);
    const get = (code: string) => campaign.criteria.find((c) => c.code === code)!;
    // The plan's "8.5%" is a typo for the resolution's 85%, and says so.
    const irrigation = get('IRRIGATION_COVERAGE');
    expect([irrigation.targets[0]!.value, irrigation.targets[0]!.basis, irrigation.noteVi]).toEqual([85, 'phase_end', expect.stringContaining('8.5%')]);
    // Revenue above 18,400 billion is the 2021–2025 total.
    expect(get('BUDGET_REVENUE').targets).toEqual([expect.objectContaining({ phase: 'P1', basis: 'cumulative', fromYear: 2021, value: 18_400_000_000_000 })]);
    expect(get('URBANISATION_RATE').targets[0]!.value).toBe(33);
    expect(['GRDP_GROWTH_KV1', 'GRDP_GROWTH_KV2', 'GRDP_GROWTH_KV3', 'GRDP_GROWTH_KV4'].map((c) => get(c).targets[0]!.value)).toEqual([4.3, 13.36, 7.55, 9.74]);
    // The plan's 2025 goals are phase 1's only.
    expect(get('GRDP_PER_CAPITA').targets.map((t) => t.phase)).toEqual(['P1']);
    // Province-wide indicators have one owner; per-unit criteria say how they roll up.
    for (const c of campaign.criteria) {
      if (c.scope === 'province') expect([c.code, c.owner, c.rollup]).toEqual([c.code, expect.any(String), undefined]);
      else expect([c.code, c.rollup]).toEqual([c.code, expect.any(String)]);
    }
    expect([get('BUDGET_REVENUE').owner, get('GRDP_GROWTH').owner, get('IRRIGATION_COVERAGE').owner]).toEqual(['SO_TC', 'SO_KHDT', 'SO_NNPTNT']);
    // Section III.1 items that had no criterion, each with its audience.
    const audience = (code: string) => get(code).audience;
    expect(audience('POLICY_RENEWAL')).toEqual(['department', 'district']);
    expect(audience('SOCIAL_CRITICISM_SUPERVISION')).toEqual(['mass_org']);
    expect(audience('MASS_ORG_INITIATIVES')).toEqual(['mass_org']);
    expect(audience('RECOGNISED_INITIATIVES_ORGANISATIONS')).toContain('enterprise');
    expect(audience('RECOGNISED_INITIATIVES_INDIVIDUALS')).toEqual(['department', 'district', 'mass_org', 'enterprise']);
    for (const code of ['DOMESTIC_DIGITAL_PRODUCTS', 'INDEPENDENT_SUPERVISION', 'ENTERPRISE_TRAINING_SUPPORT', 'THRIFT_PROGRAMME_LONG_TERM', 'SCIENCE_EDU_HEALTH_SPENDING', 'NATIONAL_PROGRAMMES_INTEGRATION', 'DIGITAL_SOCIAL_SECURITY_NETWORK']) {
      expect(get(code).audience.length).toBeGreaterThan(0);
    }
  });

  it('should refuse scopes, roll-ups and targets that do not hold together', () => {
    const edit = (code: string, change: Record<string, unknown>) => ({
      ...bundled,
      criteria: bundled.criteria.map((c) => (c.code === code ? { ...c, ...change } : c)),
    });
    expect(issuesOf(edit('BUDGET_REVENUE', { owner: undefined }))).toMatch(/criteria\.\d+\.owner.*names the unit/);
    expect(issuesOf(edit('BUDGET_REVENUE', { owner: 'H_DAK_MIL' }))).toContain('not of a kind in the audience');
    expect(issuesOf(edit('BUDGET_REVENUE', { rollup: 'sum' }))).toContain('nothing to roll up');
    expect(issuesOf(edit('THRIFT_SAVINGS', { rollup: undefined }))).toContain('say how the units');
    expect(issuesOf(edit('THRIFT_SAVINGS', { rollup: 'all_yes' }))).toContain('does not fit a money measure');
    expect(issuesOf(edit('PUBLIC_INVESTMENT_DISBURSEMENT', { weightCriterion: undefined }))).toContain('weighted_mean names');
    expect(issuesOf(edit('GRDP_GROWTH', { targets: [{ phase: 'P9', basis: 'annual', value: 1 }] }))).toContain('unknown phase P9');
    expect(issuesOf(edit('GRDP_GROWTH', { targets: [{ phase: 'P1', year: 2027, basis: 'annual', value: 1 }] }))).toContain('2027 is not in phase P1');
    expect(issuesOf(edit('GRDP_GROWTH', { targets: [{ phase: 'P1', basis: 'cumulative', value: 1 }] }))).toContain('only amounts and counts add up');
    expect(issuesOf(edit('GRDP_GROWTH', { targets: [{ phase: 'P1', basis: 'annual', value: 1 }, { phase: 'P1', basis: 'annual', value: 2 }] }))).toContain('a second target for P1');
    expect(issuesOf(edit('GRDP_GROWTH', { targets: [{ phase: 'P1', basis: 'sometimes', value: 1 }] }))).toContain('basis');
    // A file of the old format is told what to write instead of being read as valid every year.
    expect(issuesOf(edit('GRDP_GROWTH', { target: { value: 7.5 } }))).toContain('write targets');
    expect(issuesOf(bundled)).toBe('');
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
    const revenue = await db.criterion.findFirstOrThrow({ where: { code: 'BUDGET_REVENUE' }, include: { targets: true } });
    expect([revenue.scope, revenue.ownerUnitId, revenue.targets.map((t) => [t.basis, t.fromYear])]).toEqual(['province', finance.id, [['cumulative', 2021]]]);
    // The day of the first load is the go-live day, kept by later loads.
    const campaign = await db.campaign.findFirstOrThrow();
    expect(campaign.goLiveAt).toEqual(clock.now());
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
    edited.criteria.find((c) => c.code === 'ROAD_PAVING_RATE')!.targets = [{ phase: 'P1', basis: 'phase_end', value: 80 }];
    await loadCampaign({ db, source: readCampaignFile(writeCampaign(edited)), clock });

    expect(await db.unit.count()).toBe(bundled.units.length + 1);
    expect((await db.unit.findFirstOrThrow({ where: { code: 'H_TUY_DUC' } })).active).toBe(false);
    expect((await db.unit.findFirstOrThrow({ where: { code: 'XA_MOI' } })).active).toBe(true);
    expect((await db.criterionTarget.findMany({ where: { criterionId: criterion.id } })).map((t) => [t.phaseCode, t.basis, t.value])).toEqual([['P1', 'phase_end', 80]]);
    expect(await db.progressUpdate.count({ where: { unitId: unit.id, criterionId: criterion.id } })).toBe(1);

    // Loading the original again brings the unit back, under the same id.
    await loadCampaign({ db, source: readCampaignFile(DEFAULT_CAMPAIGN_FILE), clock });
    const back = await db.unit.findFirstOrThrow({ where: { code: 'H_TUY_DUC' } });
    expect([back.id, back.active]).toEqual([unit.id, true]);
  });
});
