import { traitsOf } from '../../src/channels/all-channels.js';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
/** Finance and planning merge into a new department on 1 March 2026. */
function mergeFinanceAndPlanning(f: Json): void {
  f.units = f.units.filter((u) => u.code !== 'SO_KHDT' && u.code !== 'SO_TC');
  f.units.unshift({ code: 'SO_TC_MOI', nameVi: 'Sở Tài chính (mới)', nameEn: 'Department of Finance (new)', kind: 'department' });
  for (const c of f.criteria) if (c.owner === 'SO_KHDT' || c.owner === 'SO_TC') c.owner = 'SO_TC_MOI';
  f.lineage = { changes: [{ kind: 'merged', on: '2026-03-01', from: ['SO_TC', 'SO_KHDT'], to: 'SO_TC_MOI' }] };
}

import { afterEach, describe, expect, it } from 'vitest';
import { formatCampaignChanges } from '../../src/campaign/campaign-changes.js';
import { checkCampaignLoad } from '../../src/campaign/check-campaign-load.js';
import { getUnitLineage } from '../../src/campaign/get-unit-lineage.js';
import { loadCampaignDirectory } from '../../src/campaign/load-campaign-directory.js';
import { loadCampaign } from '../../src/campaign/load-campaign.js';
import { readCampaignFile } from '../../src/campaign/read-campaign-file.js';
import { DEFAULT_CAMPAIGN_FILE, PROJECT_ROOT } from '../../src/config.js';
import { CampaignFileError } from '../../src/errors.js';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { listTriageInbox } from '../../src/waste/list-triage-inbox.js';
import { activeUnitContacts } from '../../src/people/active-unit-contacts.js';
import { submitAnnualReport } from '../../src/annual-report/submit-annual-report.js';
import { createLogger } from '../../src/logger.js';
import { createRenderReply } from '../../src/outbox/render-reply.js';
import { runReminderSweep } from '../../src/scheduler/run-reminder-sweep.js';
import type { Db } from '../../src/store/db.js';
import { TestClock } from '../helpers/test-clock.js';
import { createMigratedDatabase, providers } from '../helpers/test-database.js';

const LAM_DONG_FILE = path.join(PROJECT_ROOT, 'prisma', 'campaigns', 'lam-dong-2026-2030.json');
const DN = 'DAK_NONG_2022_2030';
const LD = 'LAM_DONG_2026_2030';

type Json = Record<string, unknown> & {
  units: { code: string; nameVi: string; nameEn: string; kind: string }[];
  criteria: { code: string; owner?: string }[];
  lineage?: unknown;
};
const bundled = (): Json => JSON.parse(readFileSync(DEFAULT_CAMPAIGN_FILE, 'utf8')) as Json;

function writeCampaign(content: unknown, raw?: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'campaign-')), 'campaign.json');
  writeFileSync(file, raw ?? JSON.stringify(content));
  return file;
}

const issuesOf = (content: unknown): string => {
  try {
    readCampaignFile(writeCampaign(content));
  } catch (e) {
    return (e as CampaignFileError).issues.join('\n');
  }
  return '';
};

/** The Đắk Nông file with units swapped and a lineage section. */
function edited(change: (file: Json) => void): Json {
  const file = bundled();
  change(file);
  return file;
}

const notify = { render: createRenderReply(createTranslator(), traitsOf), defaultLocale: 'vi' as const };

async function unitOf(db: Db, campaign: string, code: string) {
  return db.unit.findFirstOrThrow({ where: { code, campaign: { code: campaign } } });
}

/** A contact of the unit with a Telegram account, so notices reach the outbox. */
async function contactOf(db: Db, unitId: string, name: string) {
  const person = await db.person.create({ data: { displayName: name } });
  await db.identity.create({ data: { personId: person.id, channel: 'telegram', externalId: name, chatId: name } });
  await db.roleAssignment.create({ data: { personId: person.id, role: 'unit_contact', unitId } });
  return person;
}

async function wasteReport(db: Db, unitId: string, code: string, status: string, reporterId: string) {
  const category = await db.wasteCategory.findFirstOrThrow({ where: { code: 'budget', campaign: { code: DN } } });
  return db.wasteReport.create({ data: { code, categoryId: category.id, description: 'Lãng phí', reporterId, status, assignedUnitId: unitId, localityUnitId: unitId } });
}

async function figure(db: Db, unitId: string, year: number, personId: string) {
  const criterion = await db.criterion.findFirstOrThrow({ where: { code: 'THRIFT_SAVINGS', campaign: { code: DN } } });
  return db.progressUpdate.create({ data: { unitId, criterionId: criterion.id, period: String(year), year, valueNumber: year, submittedById: personId } });
}

const textsTo = async (db: Db, personId: string) =>
  (await db.outboxMessage.findMany({ where: { identity: { personId } } })).map((m) => (JSON.parse(m.payloadJson) as { text: string }).text);

describe('campaign lineage in the file', () => {
  it('should accept the bundled Lâm Đồng file with its 28 communes and wards and a lineage for every Đắk Nông unit', () => {
    const { campaign } = readCampaignFile(LAM_DONG_FILE);
    const communes = campaign.units.filter((u) => ['commune', 'ward', 'special_zone'].includes(u.kind));
    expect(communes).toHaveLength(28);
    expect(communes.filter((u) => u.kind === 'ward').map((u) => u.code).sort()).toEqual(['24611', '24615', '24617']);
    const ended = campaign.lineage.changes.flatMap((c) => c.from);
    expect(ended.sort()).toEqual(bundled().units.map((u) => `${DN}:${u.code}`).sort());
    // Đắk Sắk takes territory of two districts; Cư Jút's three communes come from it alone.
    const split = (code: string) => campaign.lineage.changes.find((c) => c.from.includes(`${DN}:${code}`))!;
    expect(split('H_CU_JUT').to.map((t) => t.unit)).toEqual(['24646', '24649', '24640']);
    expect(split('H_DAK_MIL').to.map((t) => t.unit)).toContain('24678');
    expect(split('H_KRONG_NO').to.map((t) => t.unit)).toContain('24678');
    expect(split('SO_KHDT')).toMatchObject({ kind: 'merged', to: [{ unit: 'SO_TC' }] });
    // No source gives the new province's 2026–2030 targets.
    expect(campaign.criteria.flatMap((c) => c.targets)).toEqual([]);
    expect(campaign.criteria.find((c) => c.code === 'LAND_CLEARANCE_SUPPORT')!.audience).toEqual(['commune', 'ward', 'special_zone']);
    expect(campaign.schedule.cycles[0]!.appliesTo).toContain('commune');
  });

  it('should say how to fix a lineage that does not hold together', () => {
    const lineage = (changes: unknown[], supersedes: unknown[] = []) => edited((f) => void (f.lineage = { supersedes, changes }));
    expect(issuesOf(lineage([{ kind: 'merged', on: '2026-01-01', from: 'SO_KHDT', to: 'SO_TC' }]))).toContain('SO_KHDT is still listed in units: remove it there');
    expect(issuesOf(lineage([{ kind: 'merged', on: '2026-01-01', from: 'OLD:SO_X', to: 'SO_TC' }]))).toContain('OLD is not an earlier campaign of this file: add { "campaign": "OLD", "on": "2026-01-01" } to lineage.supersedes');
    expect(issuesOf(lineage([{ kind: 'renamed', on: '2026-01-01', from: 'X', to: 'NOPE' }]))).toContain('unknown unit NOPE');
    expect(issuesOf(lineage([{ kind: 'split', on: '2026-01-01', from: 'X', to: 'SO_TC' }]))).toContain('split has two or more successors in to');
    expect(issuesOf(lineage([{ kind: 'split', on: '2026-01-01', from: 'X', to: [{ unit: 'SO_TC', share: 0.5 }, { unit: 'SO_CT', share: 0.2 }], figures: { default: 'share' } }]))).toContain('the shares of a split add up to 1');
    expect(issuesOf(lineage([{ kind: 'split', on: '2026-01-01', from: 'X', to: ['SO_TC', 'SO_CT'], figures: { criteria: { THRIFT_SAVINGS: 'share' } } }]))).toContain('needs a share on every successor');
    expect(issuesOf(lineage([{ kind: 'split', on: '2026-01-01', from: 'X', to: ['SO_TC', 'SO_CT'], carryTo: 'SO_YT' }]))).toContain("SO_YT is not one of this split's successors");
    expect(issuesOf(lineage([{ kind: 'merged', on: '2026-01-01', from: 'X', to: 'SO_TC', carryTo: 'SO_TC' }]))).toContain("a merged unit's go to its successor");
    expect(issuesOf(lineage([{ kind: 'merged', on: '2026-01-01', from: 'X', to: 'SO_TC' }, { kind: 'ended', on: '2026-01-01', from: 'X' }]))).toContain('X already ends in lineage.changes.0');
    expect(issuesOf(lineage([{ kind: 'merged', on: '1 July', from: 'X', to: 'SO_TC' }]))).toContain('YYYY-MM-DD');
  });
});

describe.each(providers)('applying lineage (%s)', (provider) => {
  let testDb: Awaited<ReturnType<typeof createMigratedDatabase>> | undefined;
  const clock = new TestClock('2026-03-02T02:00:00Z');
  const fresh = async () => {
    testDb = await createMigratedDatabase(provider);
    const { db } = testDb.database;
    await loadCampaign({ db, source: readCampaignFile(DEFAULT_CAMPAIGN_FILE), clock });
    return db;
  };
  afterEach(async () => {
    await testDb?.drop();
    testDb = undefined;
  });

  it('should carry contacts, open reports and drafts of an absorbed unit to its successor, and keep its history', async () => {
    const db = await fresh();
    const planning = await unitOf(db, DN, 'SO_KHDT');
    const finance = await unitOf(db, DN, 'SO_TC');
    const contact = await contactOf(db, planning.id, 'lan');
    const open = await wasteReport(db, planning.id, 'OPEN1', 'handling', contact.id);
    const closed = await wasteReport(db, planning.id, 'DONE1', 'resolved', contact.id);
    const sent = await db.annualReport.create({ data: { unitId: planning.id, year: 2025, state: 'submitted', submittedAt: clock.now() } });
    const draft = await db.annualReport.create({ data: { unitId: planning.id, year: 2026, sections: { create: { sectionCode: 'launch', content: 'Đã phát động' } } } });
    await figure(db, planning.id, 2025, contact.id);

    const file = edited((f) => {
      f.units = f.units.filter((u) => u.code !== 'SO_KHDT');
      for (const c of f.criteria) if (c.owner === 'SO_KHDT') c.owner = 'SO_TC';
      f.lineage = { changes: [{ kind: 'absorbed', on: '2026-03-01', from: 'SO_KHDT', to: 'SO_TC' }] };
    });
    const { changes } = await loadCampaign({ db, source: readCampaignFile(writeCampaign(file)), clock, notify });

    expect(changes!.moved.map((m) => [m.subjectType, m.subject, m.to?.code])).toEqual([
      ['role_assignment', 'lan', 'SO_TC'],
      ['waste_report', 'OPEN1', 'SO_TC'],
      ['annual_report', '2026', 'SO_TC'],
    ]);
    const roles = (await db.roleAssignment.findMany({ where: { personId: contact.id } })).sort((x, y) => Number(x.carriedFromId !== null) - Number(y.carriedFromId !== null));
    expect(roles.map((r) => [r.unitId, r.revokedAt !== null, r.endReason])).toEqual([
      [planning.id, true, 'unit_absorbed'],
      [finance.id, false, null],
    ]);
    expect(roles[1]!.carriedFromId).toBe(roles[0]!.id);
    expect(await activeUnitContacts(db, { unitId: finance.id })).toEqual([contact.id]);
    expect((await db.wasteReport.findUniqueOrThrow({ where: { id: open.id } })).assignedUnitId).toBe(finance.id);
    expect((await db.wasteReport.findUniqueOrThrow({ where: { id: closed.id } })).assignedUnitId).toBe(planning.id);
    expect((await db.annualReport.findUniqueOrThrow({ where: { id: draft.id } })).unitId).toBe(finance.id);
    expect((await db.annualReport.findUniqueOrThrow({ where: { id: sent.id } })).unitId).toBe(planning.id);
    expect(await db.progressUpdate.count({ where: { unitId: planning.id, year: 2025 } })).toBe(1);
    const ended = await db.unit.findUniqueOrThrow({ where: { id: planning.id } });
    expect([ended.active, ended.validTo]).toEqual([false, '2026-02-28']);
    // An absorbing unit goes on as it was: it is not new from the day.
    expect((await db.unit.findUniqueOrThrow({ where: { id: finance.id } })).validFrom).toBeNull();
    expect(await db.unitSuccession.findMany({ select: { kind: true, effectiveOn: true, carries: true } })).toEqual([{ kind: 'absorbed', effectiveOn: '2026-03-01', carries: true }]);
    const [notice] = await textsTo(db, contact.id);
    expect(notice).toContain('Từ ngày 01/03/2026, Sở Kế hoạch và Đầu tư sáp nhập vào Sở Tài chính');
    expect(notice).toContain('Chuyển theo: 1 phản ánh đang mở.');
    expect(notice).toContain('Chuyển theo: 1 bản nháp báo cáo năm.');
    expect(await db.unitTransfer.count({ where: { notifiedAt: null, personId: { not: null } } })).toBe(0);

    // The same lineage loaded again (an edited file) finds nothing left to move.
    const again = await loadCampaign({ db, source: readCampaignFile(writeCampaign(null, `${JSON.stringify(file)}\n`)), clock, notify });
    expect(again.changes!.moved).toEqual([]);
    expect(await db.roleAssignment.count()).toBe(2);
    expect(await db.outboxMessage.count()).toBe(1);
  });

  it('should merge two units into a new one, adding a second draft of the year to the first', async () => {
    const db = await fresh();
    const [planning, finance] = [await unitOf(db, DN, 'SO_KHDT'), await unitOf(db, DN, 'SO_TC')];
    const [a, b] = [await contactOf(db, planning.id, 'an'), await contactOf(db, finance.id, 'binh')];
    await db.annualReport.create({ data: { unitId: planning.id, year: 2026, sections: { create: { sectionCode: 'launch', content: 'KH&ĐT đã phát động' } } } });
    await db.annualReport.create({ data: { unitId: finance.id, year: 2026, sections: { create: { sectionCode: 'launch', content: 'Tài chính đã phát động' } } } });

    const file = edited(mergeFinanceAndPlanning);
    await loadCampaign({ db, source: readCampaignFile(writeCampaign(file)), clock, notify });

    const merged = await unitOf(db, DN, 'SO_TC_MOI');
    expect(merged.validFrom).toBe('2026-03-01');
    expect((await activeUnitContacts(db, { unitId: merged.id })).sort()).toEqual([a.id, b.id].sort());
    const report = await db.annualReport.findUniqueOrThrow({ where: { unitId_year: { unitId: merged.id, year: 2026 } }, include: { sections: true } });
    expect(report.sections.map((s) => s.content)).toEqual(['Tài chính đã phát động\n\n— Sở Kế hoạch và Đầu tư:\nKH&ĐT đã phát động']);
    expect((await textsTo(db, a.id))[0]).toContain('hợp nhất vào Sở Tài chính (mới)');
  });

  it('should add the savings of two merged units into one figure, named by unit, for the contacts to review again', async () => {
    const db = await fresh();
    const [planning, finance] = [await unitOf(db, DN, 'SO_KHDT'), await unitOf(db, DN, 'SO_TC')];
    const [a, b] = [await contactOf(db, planning.id, 'an'), await contactOf(db, finance.id, 'binh')];
    const thrift = (content: string, savingsVnd: number) => ({ sectionCode: 'thrift', content, dataJson: JSON.stringify({ confirmed: true, savingsVnd }) });
    await db.annualReport.create({ data: { unitId: finance.id, year: 2026, state: 'returned', sections: { create: thrift('Tài chính tiết kiệm chi thường xuyên', 7_000_000) } } });
    await db.annualReport.create({
      data: {
        unitId: planning.id,
        year: 2026,
        sections: { create: [thrift('KH&ĐT tiết kiệm hội nghị', 5_500_000), { sectionCode: 'commendation', content: 'Đề nghị khen', dataJson: JSON.stringify({ confirmed: true, awardForm: 'GIAY_KHEN' }) }] },
      },
    });

    const file = edited(mergeFinanceAndPlanning);
    await loadCampaign({ db, source: readCampaignFile(writeCampaign(file)), clock, notify });

    const merged = await unitOf(db, DN, 'SO_TC_MOI');
    const report = await db.annualReport.findUniqueOrThrow({ where: { unitId_year: { unitId: merged.id, year: 2026 } }, include: { sections: { orderBy: { sectionCode: 'asc' } } } });
    expect(report.state).toBe('returned');
    const section = (code: string) => report.sections.find((s) => s.sectionCode === code)!;
    expect(section('thrift').content).toBe('Tài chính tiết kiệm chi thường xuyên\n\n— Sở Kế hoạch và Đầu tư:\nKH&ĐT tiết kiệm hội nghị\nSố tiền tiết kiệm: 5,5 triệu đồng');
    expect(JSON.parse(section('thrift').dataJson)).toEqual({ confirmed: false, savingsVnd: 12_500_000 });
    // A section only the ended unit wrote comes over with its choice, still to be reviewed.
    expect(section('commendation').content).toBe('— Sở Kế hoạch và Đầu tư:\nĐề nghị khen');
    expect(JSON.parse(section('commendation').dataJson)).toEqual({ confirmed: false, awardForm: 'GIAY_KHEN' });
    const submitted = await submitAnnualReport(db, { reportId: report.id, personId: b.id, now: clock.now() });
    expect(submitted).toMatchObject({ ok: false, reason: 'incomplete', missing: expect.arrayContaining(['thrift', 'commendation']) });
    expect((await activeUnitContacts(db, { unitId: merged.id })).sort()).toEqual([a.id, b.id].sort());
  });

  it('should keep the successor\'s award form when an absorbed unit chose another, and write the other in the text', async () => {
    const db = await fresh();
    const [planning, finance] = [await unitOf(db, DN, 'SO_KHDT'), await unitOf(db, DN, 'SO_TC')];
    const commendation = (content: string, awardForm: string) => ({ sectionCode: 'commendation', content, dataJson: JSON.stringify({ confirmed: true, awardForm }) });
    await db.annualReport.create({ data: { unitId: finance.id, year: 2026, sections: { create: commendation('Tập thể Sở Tài chính', 'BANG_KHEN_UBND_TINH') } } });
    const draft = await db.annualReport.create({ data: { unitId: planning.id, year: 2026, state: 'returned', sections: { create: commendation('Tập thể Sở KH&ĐT', 'HUAN_CHUONG_LAO_DONG') } } });

    const file = edited((f) => {
      f.units = f.units.filter((u) => u.code !== 'SO_KHDT');
      for (const c of f.criteria) if (c.owner === 'SO_KHDT') c.owner = 'SO_TC';
      f.lineage = { changes: [{ kind: 'absorbed', on: '2026-03-01', from: 'SO_KHDT', to: 'SO_TC' }] };
    });
    const { changes } = await loadCampaign({ db, source: readCampaignFile(writeCampaign(file)), clock, notify });
    expect(changes!.moved.map((m) => [m.subjectType, m.subject, m.to?.code])).toEqual([['annual_report', '2026', 'SO_TC']]);

    const [section] = (await db.annualReport.findUniqueOrThrow({ where: { unitId_year: { unitId: finance.id, year: 2026 } }, include: { sections: true } })).sections;
    expect(section!.content).toBe('Tập thể Sở Tài chính\n\n— Sở Kế hoạch và Đầu tư:\nTập thể Sở KH&ĐT\nHình thức khen thưởng đề nghị: Huân chương Lao động');
    expect(JSON.parse(section!.dataJson)).toEqual({ confirmed: false, awardForm: 'BANG_KHEN_UBND_TINH' });
    // The ended unit's draft keeps what it said, and a second load adds nothing twice.
    expect(JSON.parse((await db.annualReportSection.findFirstOrThrow({ where: { reportId: draft.id } })).dataJson)).toEqual({ confirmed: true, awardForm: 'HUAN_CHUONG_LAO_DONG' });
    await loadCampaign({ db, source: readCampaignFile(writeCampaign(null, `${JSON.stringify(file)}\n`)), clock, notify });
    expect((await db.annualReportSection.findUniqueOrThrow({ where: { id: section!.id } })).content).toBe(section!.content);
  });

  it('should refuse a merger into a unit that already has a past, and say it is an absorption', async () => {
    const db = await fresh();
    const finance = await unitOf(db, DN, 'SO_TC');
    const who = await contactOf(db, finance.id, 'chi');
    await figure(db, finance.id, 2025, who.id);
    const file = edited((f) => {
      f.units = f.units.filter((u) => u.code !== 'SO_KHDT');
      for (const c of f.criteria) if (c.owner === 'SO_KHDT') c.owner = 'SO_TC';
      f.lineage = { changes: [{ kind: 'merged', on: '2026-03-01', from: ['SO_KHDT'], to: 'SO_TC' }] };
    });
    await expect(loadCampaign({ db, source: readCampaignFile(writeCampaign(file)), clock, notify })).rejects.toThrow(/SO_TC already has figures, reports or contacts[^]*"absorbed"/);
    // Nothing of the load is kept: the finance department keeps its past, planning its contacts.
    expect((await unitOf(db, DN, 'SO_TC')).validFrom).toBeNull();
    expect((await unitOf(db, DN, 'SO_KHDT')).active).toBe(true);
  });

  it('should rename a unit and carry everything live over', async () => {
    const db = await fresh();
    const district = await unitOf(db, DN, 'H_TUY_DUC');
    const contact = await contactOf(db, district.id, 'cuong');
    await wasteReport(db, district.id, 'OPEN2', 'forwarded', contact.id);
    const invite = await db.invite.create({ data: { codeHash: 'h1', role: 'unit_contact', unitId: district.id, expiresAt: new Date('2027-01-01') } });
    const file = edited((f) => {
      f.units = f.units.map((u) => (u.code === 'H_TUY_DUC' ? { ...u, code: 'TX_TUY_DUC', nameVi: 'UBND thị xã Tuy Đức', nameEn: 'Tuy Duc Town People\'s Committee' } : u));
      f.lineage = { changes: [{ kind: 'renamed', on: '2026-03-01', from: 'H_TUY_DUC', to: 'TX_TUY_DUC' }] };
    });
    await loadCampaign({ db, source: readCampaignFile(writeCampaign(file)), clock, notify });
    const town = await unitOf(db, DN, 'TX_TUY_DUC');
    expect(await activeUnitContacts(db, { unitId: town.id })).toEqual([contact.id]);
    expect(await db.wasteReport.count({ where: { assignedUnitId: town.id } })).toBe(1);
    expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).unitId).toBe(town.id);
    expect((await textsTo(db, contact.id))[0]).toContain('UBND huyện Tuy Đức đổi tên thành UBND thị xã Tuy Đức');
  });

  it('should split a unit: shares and rules recorded, contacts to the one named, or ended and told', async () => {
    const db = await fresh();
    const [cuJut, dakMil] = [await unitOf(db, DN, 'H_CU_JUT'), await unitOf(db, DN, 'H_DAK_MIL')];
    const [a, b] = [await contactOf(db, cuJut.id, 'dung'), await contactOf(db, dakMil.id, 'giang')];
    const left = await wasteReport(db, dakMil.id, 'OPEN3', 'forwarded', b.id);
    const official = await db.person.create({ data: { displayName: 'Cán bộ Ban' } });
    await db.identity.create({ data: { personId: official.id, channel: 'telegram', externalId: 'ban', chatId: 'ban' } });
    await db.roleAssignment.create({ data: { personId: official.id, role: 'official' } });
    // An official of another movement is not told of this one's citizens' reports.
    const other = await db.campaign.create({ data: { code: 'OTHER_MOVEMENT', nameVi: 'Khác', nameEn: 'Other', startYear: 2026, endYear: 2030, sourceHash: 'x', loadedAt: clock.now() } });
    const outsider = await db.person.create({ data: { displayName: 'Cán bộ phong trào khác' } });
    await db.identity.create({ data: { personId: outsider.id, channel: 'telegram', externalId: 'khac', chatId: 'khac' } });
    await db.roleAssignment.create({ data: { personId: outsider.id, role: 'official', campaignId: other.id } });
    const file = edited((f) => {
      f.units = f.units.filter((u) => u.code !== 'H_CU_JUT' && u.code !== 'H_DAK_MIL');
      for (const [code, name] of [['X_A', 'UBND xã A'], ['X_B', 'UBND xã B'], ['X_C', 'UBND xã C'], ['X_D', 'UBND xã D']]) f.units.push({ code: code!, nameVi: name!, nameEn: name!, kind: 'district' });
      f.lineage = {
        changes: [
          { kind: 'split', on: '2026-03-01', from: 'H_CU_JUT', to: [{ unit: 'X_A', share: 0.6 }, { unit: 'X_B', share: 0.4 }], figures: { criteria: { THRIFT_SAVINGS: 'share' } }, carryTo: 'X_A' },
          { kind: 'split', on: '2026-03-01', from: 'H_DAK_MIL', to: ['X_C', 'X_D'] },
        ],
      };
    });
    const { changes } = await loadCampaign({ db, source: readCampaignFile(writeCampaign(file)), clock, notify });

    const xa = await unitOf(db, DN, 'X_A');
    expect(await activeUnitContacts(db, { unitId: xa.id })).toEqual([a.id]);
    const edges = await db.unitSuccession.findMany({ where: { fromUnitId: cuJut.id }, include: { toUnit: true }, orderBy: { share: 'desc' } });
    expect(edges.map((e) => [e.toUnit.code, e.share, e.carries, JSON.parse(e.rulesJson)])).toEqual([
      ['X_A', 0.6, true, { default: 'none', criteria: { THRIFT_SAVINGS: 'share' } }],
      ['X_B', 0.4, false, { default: 'none', criteria: { THRIFT_SAVINGS: 'share' } }],
    ]);
    // Without carryTo nobody takes Đắk Mil's contacts or its open report: the role ends with a
    // reason, the report waits for an official, and the dry-run lines say so.
    const ended = await db.roleAssignment.findFirstOrThrow({ where: { personId: b.id } });
    expect([ended.revokedAt !== null, ended.endReason]).toEqual([true, 'unit_split']);
    expect(await db.roleAssignment.count({ where: { personId: b.id, revokedAt: null } })).toBe(0);
    expect((await db.wasteReport.findUniqueOrThrow({ where: { id: left.id } })).assignedUnitId).toBe(dakMil.id);
    expect((await textsTo(db, b.id))[0]).toContain('UBND huyện Đắk Mil chia tách thành UBND xã C, UBND xã D');
    const lines = formatCampaignChanges(changes!).join('\n');
    expect(lines).toContain('open citizen report OPEN3 stays (no successor takes it: reassign by hand)');
    expect(lines).toContain('contact giang ends (no successor takes contacts: invite them again)');
    // The Board is told, and finds the report in its inbox to forward it to a unit that exists.
    expect(await textsTo(db, official.id)).toEqual([expect.stringContaining('1 phản ánh của người dân đang mở còn gắn với đơn vị đã kết thúc')]);
    expect(await textsTo(db, outsider.id)).toEqual([]);
    expect((await listTriageInbox(db, { page: 0, pageSize: 5 })).reports.map((r) => [r.code, r.assignedUnit?.active])).toContainEqual(['OPEN3', false]);
  });

  it('should load the Lâm Đồng file over Đắk Nông: contacts and open reports carried, 2024–2025 figures with the 2025 units, the old campaign archived', async () => {
    const db = await fresh();
    const dn = await db.campaign.findUniqueOrThrow({ where: { code: DN } });
    const [planning, transport, cuJut, front] = await Promise.all(['SO_KHDT', 'SO_GTVT', 'H_CU_JUT', 'MTTQ'].map((c) => unitOf(db, DN, c)));
    const lan = await contactOf(db, planning!.id, 'lan');
    const dung = await contactOf(db, cuJut!.id, 'dung');
    const hoa = await contactOf(db, front!.id, 'hoa');
    const open = await wasteReport(db, transport!.id, 'OPEN4', 'handling', lan.id);
    const draft = await db.annualReport.create({ data: { unitId: planning!.id, year: 2025 } });
    const sent = await db.annualReport.create({ data: { unitId: planning!.id, year: 2024, state: 'accepted', submittedAt: clock.now() } });
    for (const year of [2024, 2025]) for (const unit of [planning!, cuJut!]) await figure(db, unit.id, year, lan.id);
    const unitsBefore = await db.unit.count({ where: { campaignId: dn.id } });

    const source = readCampaignFile(LAM_DONG_FILE);
    const first = await loadCampaign({ db, source, clock, notify });

    const ld = await db.campaign.findUniqueOrThrow({ where: { code: LD } });
    expect(first.campaignId).toBe(ld.id);
    const archived = await db.campaign.findUniqueOrThrow({ where: { code: DN } });
    expect([archived.archivedAt !== null, archived.supersededByCode]).toEqual([true, LD]);
    expect(await db.unit.count({ where: { campaignId: dn.id } })).toBe(unitsBefore);
    expect(await db.unit.count({ where: { campaignId: dn.id, active: true } })).toBe(0);
    expect((await db.unit.findUniqueOrThrow({ where: { id: cuJut!.id } })).validTo).toBe('2025-06-30');
    expect(await db.unit.count({ where: { campaignId: ld.id, active: true } })).toBe(49);
    const commune = await db.unit.findFirstOrThrow({ where: { campaignId: ld.id, code: '24640' }, include: { kind: true } });
    expect([commune.nameVi, commune.kind.code, commune.validFrom]).toEqual(['UBND xã Cư Jút', 'commune', '2025-07-01']);

    const [finance, construction, ldFront] = await Promise.all(['SO_TC', 'SO_XD', 'MTTQ'].map((c) => unitOf(db, LD, c)));
    expect(await activeUnitContacts(db, { unitId: finance!.id })).toEqual([lan.id]);
    expect(await activeUnitContacts(db, { unitId: ldFront!.id })).toEqual([hoa.id]);
    expect(await db.roleAssignment.count({ where: { personId: dung.id, revokedAt: null } })).toBe(0);
    expect((await db.wasteReport.findUniqueOrThrow({ where: { id: open.id } })).assignedUnitId).toBe(construction!.id);
    expect((await db.annualReport.findUniqueOrThrow({ where: { id: draft.id } })).unitId).toBe(finance!.id);
    expect((await db.annualReport.findUniqueOrThrow({ where: { id: sent.id } })).unitId).toBe(planning!.id);
    // History stays true: the 2024 and 2025 figures are the 2025 units' (and the old campaign's).
    const figures = await db.progressUpdate.findMany({ include: { unit: { include: { campaign: true } } } });
    expect(figures.map((f) => `${f.year} ${f.unit.campaign.code}:${f.unit.code}`).sort()).toEqual([
      `2024 ${DN}:H_CU_JUT`, `2024 ${DN}:SO_KHDT`, `2025 ${DN}:H_CU_JUT`, `2025 ${DN}:SO_KHDT`,
    ]);
    const communes = await db.unitSuccession.findMany({ where: { fromUnitId: cuJut!.id }, include: { toUnit: true } });
    expect(communes.map((s) => s.toUnit.code).sort()).toEqual(['24640', '24646', '24649']);
    expect(communes.every((s) => s.kind === 'split' && !s.carries && s.share === null)).toBe(true);
    // Bắc Gia Nghĩa took territory of the city and of Đắk Glong; its history is read through them.
    const ward = await unitOf(db, LD, '24611');
    const { predecessors } = await getUnitLineage(db, { unitId: ward.id });
    expect(predecessors.map((p) => [p.unit.campaignCode, p.unit.code, p.kind, p.rules]).sort()).toEqual([
      [DN, 'H_DAK_GLONG', 'split', { default: 'none', criteria: {} }],
      [DN, 'TP_GIA_NGHIA', 'split', { default: 'none', criteria: {} }],
    ]);
    expect((await getUnitLineage(db, { unitId: planning!.id })).successors.map((p) => [p.unit.code, p.kind])).toEqual([['SO_TC', 'merged']]);
    expect((await textsTo(db, lan.id))[0]).toContain('Từ ngày 01/07/2025, Sở Kế hoạch và Đầu tư hợp nhất vào Sở Tài chính');
    expect((await textsTo(db, dung.id))[0]).toContain('UBND huyện Cư Jút chia tách thành');

    // Idempotent: the same file is skipped; the file edited (a new hash) moves nothing twice.
    expect(await loadCampaign({ db, source, clock, notify })).toEqual({ campaignId: ld.id, changed: false });
    const counts = async () => Promise.all([db.roleAssignment.count(), db.unitSuccession.count(), db.unitTransfer.count(), db.outboxMessage.count(), db.unit.count()]);
    const before = await counts();
    const touched = readCampaignFile(writeCampaign(null, `${readFileSync(LAM_DONG_FILE, 'utf8')}\n`));
    const again = await loadCampaign({ db, source: touched, clock, notify });
    expect([again.changes!.moved, again.changes!.archived, again.changes!.units.ended]).toEqual([[], [], []]);
    expect(await counts()).toEqual(before);

    // Reminders go to the successor, which is active, and so to the contact it carried over.
    clock.set('2026-04-03T02:00:00Z');
    await runReminderSweep({ db, clock, campaigns: await loadCampaignDirectory(db, { activeIds: [ld.id] }), ...notify, logger: createLogger({ level: 'silent', secrets: [] }) });
    const reminded = await db.reminder.findMany({ include: { unit: { include: { campaign: true } } } });
    expect(reminded.length).toBeGreaterThan(0);
    expect(reminded.every((r) => r.unit.campaign.code === LD)).toBe(true);
    expect(reminded.some((r) => r.unitId === finance!.id)).toBe(true);
    expect((await textsTo(db, lan.id)).length).toBeGreaterThan(1);
    clock.set('2026-03-02T02:00:00Z');

    // The Đắk Nông file cannot be run again over the database that moved on.
    await expect(loadCampaign({ db, source: readCampaignFile(DEFAULT_CAMPAIGN_FILE), clock })).rejects.toThrow(/superseded by LAM_DONG_2026_2030.*Set CAMPAIGN_FILE/);
  });

  it('should load the Lâm Đồng file alone on a fresh database', async () => {
    testDb = await createMigratedDatabase(provider);
    const { db } = testDb.database;
    const { changes } = await loadCampaign({ db, source: readCampaignFile(LAM_DONG_FILE), clock });
    expect(changes!.lineage.every((l) => l.from.length === 0 && l.missing.length > 0)).toBe(true);
    expect(changes!.moved).toEqual([]);
    expect(await db.unit.count({ where: { active: true } })).toBe(49);
  });

  it('should tell in a dry run what loading would change, per unit, and write nothing', async () => {
    const db = await fresh();
    const planning = await unitOf(db, DN, 'SO_KHDT');
    const lan = await contactOf(db, planning.id, 'lan');
    await wasteReport(db, planning.id, 'OPEN5', 'forwarded', lan.id);
    const snapshot = async () => Promise.all([db.campaign.findMany({ orderBy: { code: 'asc' } }), db.unit.findMany({ orderBy: { id: 'asc' } }), db.roleAssignment.findMany(), db.wasteReport.findMany(), db.unitSuccession.count(), db.unitTransfer.count()]);
    const before = await snapshot();

    const result = await checkCampaignLoad({ db, source: readCampaignFile(LAM_DONG_FILE), clock });
    const lines = formatCampaignChanges(result.changes);
    expect(lines).toEqual(expect.arrayContaining([
      'Campaign LAM_DONG_2026_2030 (new)',
      '  archive campaign DAK_NONG_2022_2030 (kept readable, never deleted)',
      '  units added (49):',
      '  units ended (27):',
      `    ${DN}:SO_KHDT (Sở Kế hoạch và Đầu tư):`,
      '      contact lan → SO_TC (Sở Tài chính)',
      '      open citizen report OPEN5 → SO_TC (Sở Tài chính)',
      `    2025-07-01 split: ${DN}:H_CU_JUT (UBND huyện Cư Jút) → 24646 (UBND xã Đắk Wil), 24649 (UBND xã Nam Dong), 24640 (UBND xã Cư Jút)`,
      `    2025-07-01 merged: ${DN}:MTTQ (Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh) → MTTQ (Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh) [unconfirmed]`,
    ]));
    expect(await snapshot()).toEqual(before);
    expect(await checkCampaignLoad({ db, source: readCampaignFile(DEFAULT_CAMPAIGN_FILE), clock })).toMatchObject({ unchanged: true });
  });

  it.runIf(provider === 'sqlite')('should print the dry run from the command line', async () => {
    const db = await fresh();
    await contactOf(db, (await unitOf(db, DN, 'SO_GTVT')).id, 'minh');
    const { stdout } = await promisify(execFile)(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['src/cli/campaign.ts', '--check', LAM_DONG_FILE], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: testDb!.url },
    });
    expect(stdout).toContain('(nothing written)');
    expect(stdout).toContain('contact minh → SO_XD (Sở Xây dựng)');
    expect(await db.campaign.count()).toBe(1);
  });
});
