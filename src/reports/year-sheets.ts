import { evaluateTarget, formatMeasureValue, formatTarget } from '../domain/measure-value.js';
import type { TMeasure } from '../domain/criterion.js';
import { loadTargetsForYear, withTargetOf } from '../campaign/criterion-targets.js';
import { summarizeYear } from './year-summary.js';
import { readSectionData } from '../annual-report/report-section-data.js';
import { comparePeriods, periodLabelVi, vietnamYear, yearSpans } from '../domain/period.js';
import type { Tx } from '../store/db.js';
import { spec } from '../unit-reporting/criterion-view.js';
import { latestPerUnit } from '../unit-reporting/latest-per-unit.js';
import { valueOf } from '../unit-reporting/record-progress-update.js';
import { groupBy } from '../group-by.js';
import { findUnitsOfYear } from '../units/find-units-of-year.js';
import { findUnitsToday } from '../units/find-units-today.js';

const STATE_VI: Record<string, string> = { draft: 'Bản nháp', submitted: 'Đã nộp', returned: 'Trả lại để sửa', accepted: 'Đã chấp nhận' };
const STATUS_VI: Record<string, string> = {
  received: 'Đã tiếp nhận', verifying: 'Đang xác minh', forwarded: 'Đã chuyển đơn vị', handling: 'Đơn vị đang xử lý',
  resolved: 'Đã xử lý xong', rejected: 'Không chấp nhận', duplicate: 'Trùng lặp', reopened: 'Mở lại',
};
const VERDICT_VI = { met: 'Đạt', not_met: 'Chưa đạt', no_target: 'Không có chỉ tiêu', in_progress: 'Đang thực hiện' };

/** The unit a criterion's figures are written in, for the column beside a number. */
const unitOfMeasure = (c: { measure: string; unitLabelVi: string | null }): string =>
  ({ percent: '%', money: 'đồng', number: c.unitLabelVi ?? '', date: 'ngày' } as Record<string, string>)[c.measure] ?? '';

/** Citizen reports are read this many at a time: no query holds the database for long. */
const CITIZEN_BATCH = 2_000;

export interface Column {
  header: string;
  key: string;
  width: number;
  /** Excel number format; dates carry one with "dd/mm/yyyy". */
  numFmt?: string;
  /** Long text shown wrapped at the top of its cell. */
  wrap?: boolean;
}

export type SheetRow = Record<string, string | number | Date | null>;

export interface YearSheet {
  name: string;
  /** The document's title in the workbook's title block; the name when not given. */
  title?: string;
  columns: Column[];
  /** The rows, produced a batch at a time so a large year is never held whole. */
  rows(): AsyncIterable<SheetRow>;
}

export interface YearSheets {
  /** The campaign the year is judged by: a past year's may be one since superseded. */
  campaignId: string;
  sheets: YearSheet[];
  /** Rows across all sheets, for progress. */
  rowCount: number;
}

/**
 * The year's tables for the board, in the order of the workbook: units and their report
 * state, progress figures, annual reports, citizen reports (anonymous reporters masked) and a
 * summary per criterion, with Vietnamese headers. Writers turn them into Excel or CSV. A year
 * is shown with the units of its time (findUnitsOfYear), each beside its successor today.
 */
export async function yearSheets(tx: Tx, options: { campaignId: string; year: number }): Promise<YearSheets> {
  const { year } = options;
  const ofYear = await findUnitsOfYear(tx, { campaignId: options.campaignId, year });
  const { campaignId } = ofYear;
  const ofTheYear = { campaignId: { in: ofYear.campaignIds } };
  const units = await tx.unit.findMany({
    where: ofYear.unitWhere,
    include: { kind: true, roles: { where: { role: 'unit_contact', revokedAt: null } }, annualReports: { where: { year } } },
    orderBy: { sortOrder: 'asc' },
  });
  const paper = new Set((await tx.cycleStatus.findMany({ where: { period: String(year), paperAt: { not: null } }, select: { unitId: true } })).map((p) => p.unitId));
  // Only the figure in force for each unit, criterion and period: bounded by their product.
  const updates = (
    await tx.progressUpdate.findMany({
      where: { year, supersededAt: null, unit: ofTheYear },
      include: { unit: true, criterion: true, submittedBy: { select: { displayName: true } } },
    })
  ).sort(
    (a, b) =>
      a.unit.sortOrder - b.unit.sortOrder ||
      a.unitId.localeCompare(b.unitId) ||
      a.criterion.sortOrder - b.criterion.sortOrder ||
      a.criterionId.localeCompare(b.criterionId) ||
      comparePeriods(a.period, b.period),
  );
  // What each figure in force corrected, so the sheet shows a corrected figure as one: how many
  // times it was corrected and the value it replaced.
  const replaced = await tx.progressUpdate.findMany({
    where: { year, supersededAt: { not: null }, unit: ofTheYear },
    select: { unitId: true, criterionId: true, period: true, valueNumber: true, valueText: true, valueBool: true, valueDate: true, createdAt: true },
    orderBy: { createdAt: 'asc' },
  });
  const corrected = new Map<string, { times: number; previous: (typeof replaced)[number] }>();
  for (const r of replaced) {
    const key = `${r.unitId} ${r.criterionId} ${r.period}`;
    corrected.set(key, { times: (corrected.get(key)?.times ?? 0) + 1, previous: r });
  }
  const reports = await tx.annualReport.findMany({ where: { year, unit: ofTheYear }, include: { unit: true, sections: true } });
  const today = await findUnitsToday(tx, { unitIds: [...new Set([...units.map((u) => u.id), ...updates.map((u) => u.unitId), ...reports.map((r) => r.unitId)])] });
  /** The unit's successors today; empty while the unit itself goes on. */
  const todayOf = (unitId: string): string => {
    const successors = today.get(unitId) ?? [];
    if (successors.length === 1 && successors[0]!.unit.id === unitId) return '';
    return successors.length ? successors.map((s) => s.unit.nameVi).join('; ') : 'Không có (đã kết thúc)';
  };
  const sections = await tx.reportSection.findMany({ where: { campaignId, active: true }, orderBy: { sortOrder: 'asc' } });
  const awards = new Map((await tx.awardForm.findMany({ where: { campaignId } })).map((a) => [a.code, a.nameVi]));
  const targets = await loadTargetsForYear(tx, campaignId, year);
  // Citizens report to the main campaign, under its categories: another movement's workbook
  // must not carry their words, names and phones.
  const citizenWhere = { createdAt: vietnamYear(year), category: ofTheYear };
  const citizenCount = await tx.wasteReport.count({ where: citizenWhere });

  const unitSheet: YearSheet = {
    name: 'Đơn vị',
    title: 'Danh sách đơn vị và tình hình báo cáo',
    columns: [
      { header: 'Mã', key: 'code', width: 16 },
      { header: 'Tên đơn vị', key: 'name', width: 44 },
      { header: 'Đơn vị kế tục hiện nay', key: 'today', width: 36, wrap: true },
      { header: 'Loại', key: 'kind', width: 30 },
      { header: 'Số đầu mối', key: 'contacts', width: 12 },
      { header: 'Báo cáo năm', key: 'state', width: 18 },
      { header: 'Số báo cáo', key: 'number', width: 24 },
      { header: 'Ngày nộp', key: 'submittedAt', width: 14, numFmt: 'dd/mm/yyyy' },
      { header: 'Nộp bản giấy', key: 'paper', width: 14 },
    ],
    async *rows() {
      for (const u of units) {
        const report = u.annualReports[0];
        yield {
          code: u.code,
          name: u.nameVi,
          today: todayOf(u.id),
          kind: u.kind.nameVi,
          contacts: u.roles.length,
          state: report ? (STATE_VI[report.state] ?? report.state) : 'Chưa bắt đầu',
          number: report?.number ?? '',
          submittedAt: report?.submittedAt ?? null,
          paper: paper.has(u.id) ? 'Có' : '',
        };
      }
    },
  };

  const updateSheet: YearSheet = {
    name: 'Số liệu tiến độ',
    title: 'Số liệu tiến độ thực hiện tiêu chí',
    columns: [
      { header: 'Đơn vị (khi báo cáo)', key: 'unit', width: 36 },
      { header: 'Đơn vị kế tục hiện nay', key: 'today', width: 36, wrap: true },
      { header: 'Tiêu chí', key: 'criterion', width: 50 },
      { header: 'Kỳ', key: 'period', width: 10 },
      { header: 'Giá trị', key: 'number', width: 18, numFmt: '#,##0.##' },
      { header: 'Giá trị (chữ)', key: 'text', width: 30 },
      { header: 'Đơn vị tính', key: 'measure', width: 12 },
      { header: 'Chỉ tiêu', key: 'target', width: 24 },
      { header: 'Đánh giá', key: 'verdict', width: 16 },
      { header: 'Ghi chú', key: 'note', width: 30 },
      { header: 'Cập nhật lúc', key: 'createdAt', width: 18, numFmt: 'dd/mm/yyyy hh:mm' },
      { header: 'Người cập nhật', key: 'submittedBy', width: 24 },
      { header: 'Số lần sửa', key: 'corrections', width: 10 },
      { header: 'Giá trị trước khi sửa', key: 'previous', width: 20, numFmt: '#,##0.##' },
    ],
    async *rows() {
      for (const u of updates) {
        const value = valueOf(u);
        const correction = corrected.get(`${u.unitId} ${u.criterionId} ${u.period}`);
        yield {
          unit: u.unit.nameVi,
          today: todayOf(u.unitId),
          criterion: u.criterion.titleVi,
          period: periodLabelVi(u.period),
          number: value.number ?? null,
          text: value.bool !== undefined ? (value.bool ? 'Có' : 'Không') : (value.date ?? value.text ?? ''),
          measure: unitOfMeasure(u.criterion),
          target: formatTarget(spec(withTargetOf(u.criterion, targets)))?.vi ?? '',
          // A unit's own year: a cumulative target is judged in the province summary sheet.
          verdict: VERDICT_VI[evaluateTarget(spec(withTargetOf(u.criterion, targets)), value)],
          note: u.note ?? '',
          createdAt: u.createdAt,
          submittedBy: u.submittedBy.displayName,
          corrections: correction?.times ?? 0,
          // In the value column's own unit, as a number where the value is one.
          previous: correction ? (correction.previous.valueNumber ?? formatMeasureValue(u.criterion.measure as TMeasure, valueOf(correction.previous)).vi) : null,
        };
      }
    },
  };

  const reportSheet: YearSheet = {
    name: 'Báo cáo năm',
    title: 'Nội dung báo cáo năm của các đơn vị',
    columns: [
      { header: 'Đơn vị (khi báo cáo)', key: 'unit', width: 36 },
      { header: 'Đơn vị kế tục hiện nay', key: 'today', width: 36, wrap: true },
      { header: 'Trạng thái', key: 'state', width: 16 },
      { header: 'Lần nộp', key: 'version', width: 10 },
      { header: 'Mục', key: 'section', width: 36 },
      { header: 'Nội dung', key: 'content', width: 80, wrap: true },
      { header: 'Tiết kiệm (đồng)', key: 'savings', width: 20, numFmt: '#,##0' },
      { header: 'Hình thức khen thưởng', key: 'award', width: 36 },
    ],
    async *rows() {
      for (const r of reports) {
        for (const def of sections) {
          const s = r.sections.find((x) => x.sectionCode === def.code);
          const data = s ? readSectionData(s.dataJson) : undefined;
          yield {
            unit: r.unit.nameVi,
            today: todayOf(r.unitId),
            state: STATE_VI[r.state] ?? r.state,
            version: r.version,
            section: def.titleVi,
            content: s?.content ?? '',
            savings: data?.savingsVnd ?? null,
            award: (data?.awardForm && awards.get(data.awardForm)) || '',
          };
        }
      }
    },
  };

  const citizenSheet: YearSheet = {
    name: 'Phản ánh',
    title: 'Phản ánh lãng phí của người dân',
    columns: [
      { header: 'Mã', key: 'code', width: 14 },
      { header: 'Ngày gửi', key: 'createdAt', width: 18, numFmt: 'dd/mm/yyyy hh:mm' },
      { header: 'Lĩnh vực', key: 'category', width: 36 },
      { header: 'Địa bàn', key: 'locality', width: 20 },
      { header: 'Địa điểm', key: 'place', width: 30 },
      { header: 'Trạng thái', key: 'status', width: 20 },
      { header: 'Đơn vị xử lý', key: 'assigned', width: 30 },
      { header: 'Người phản ánh', key: 'reporter', width: 24 },
      { header: 'Điện thoại', key: 'phone', width: 14 },
      { header: 'Nội dung', key: 'description', width: 60, wrap: true },
      { header: 'Số ảnh', key: 'photos', width: 8 },
    ],
    async *rows() {
      for (let cursor: string | undefined; ; ) {
        const batch = await tx.wasteReport.findMany({
          where: citizenWhere,
          include: { category: true, localityUnit: true, assignedUnit: true, reporter: { select: { displayName: true } }, _count: { select: { attachments: true } } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          take: CITIZEN_BATCH,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        for (const r of batch) {
          yield {
            code: r.code,
            createdAt: r.createdAt,
            category: r.category.nameVi,
            locality: r.localityUnit?.shortName ?? r.localityUnit?.nameVi ?? '',
            place: r.placeText ?? (r.latitude !== null ? `${r.latitude}, ${r.longitude}` : ''),
            status: STATUS_VI[r.status] ?? r.status,
            assigned: r.assignedUnit?.nameVi ?? '',
            // An anonymous reporter is never named in an export.
            reporter: r.anonymous ? 'Ẩn danh' : r.reporter.displayName,
            phone: r.anonymous ? '' : (r.contactPhone ?? ''),
            description: r.description,
            photos: r._count.attachments,
          };
        }
        if (batch.length < CITIZEN_BATCH) break;
        cursor = batch.at(-1)!.id;
      }
    },
  };

  // The province's figures are the summary's (/tonghop): one owner per province-wide indicator,
  // the file's roll-up for the others, targets of the year's phase on their basis.
  const summary = await summarizeYear(tx, { campaignId: options.campaignId, year });
  const SCOPE_VI: Record<string, string> = { province: 'Toàn tỉnh (một đơn vị báo cáo)', unit: 'Từng đơn vị' };
  const ROLLUP_VI: Record<string, string> = {
    sum: 'Tổng', mean: 'Trung bình', weighted_mean: 'Trung bình có trọng số', share_met: 'Tỉ lệ đơn vị đạt',
    all_yes: 'Có khi mọi đơn vị có', latest_date: 'Ngày muộn nhất', count_reported: 'Số đơn vị báo cáo',
  };
  const BASIS_VI: Record<string, string> = { annual: 'Từng năm', cumulative: 'Cộng dồn', phase_end: 'Cuối giai đoạn' };
  const summarySheet: YearSheet = {
    name: 'Tổng hợp tiêu chí',
    title: 'Tổng hợp kết quả theo tiêu chí',
    columns: [
      { header: 'Tiêu chí', key: 'criterion', width: 50 },
      { header: 'Phạm vi', key: 'scope', width: 22 },
      { header: 'Đơn vị chịu trách nhiệm / cách tổng hợp', key: 'owner', width: 26 },
      { header: 'Chỉ tiêu', key: 'target', width: 24 },
      { header: 'Cách đánh giá', key: 'basis', width: 14 },
      // Numbers as numbers, in the unit beside them, so the sheet can be checked with formulas;
      // a share of units, a date or a yes/no stays as words.
      { header: 'Số liệu toàn tỉnh', key: 'value', width: 20, numFmt: '#,##0.##' },
      { header: 'Cộng dồn', key: 'judged', width: 20, numFmt: '#,##0.##' },
      { header: 'Đơn vị tính', key: 'unit', width: 12 },
      { header: 'Đánh giá', key: 'verdict', width: 16 },
      { header: 'Số đơn vị có số liệu', key: 'reported', width: 14 },
      { header: 'Ghi chú', key: 'note', width: 40, wrap: true },
    ],
    async *rows() {
      for (const c of summary.criteria) {
        const k = c.criterion;
        const fmt = (v: typeof c.value) => (v ? formatMeasureValue(k.measure as TMeasure, v, { vi: k.unitLabelVi }).vi : '');
        const numeric = ['percent', 'money', 'number'].includes(k.measure) && !c.share;
        const figure = (v: typeof c.value) => (numeric ? (v?.number ?? null) : fmt(v));
        yield {
          criterion: k.titleVi,
          scope: SCOPE_VI[k.scope] ?? k.scope,
          owner: k.scope === 'province' ? (c.owner ?? '') : (ROLLUP_VI[k.rollup ?? ''] ?? ''),
          target: formatTarget(spec(k))?.vi ?? (k.phaseVi ? `Chưa đặt chỉ tiêu cho ${k.phaseVi}` : ''),
          basis: k.basis ? (BASIS_VI[k.basis] ?? k.basis) + (k.basis === 'cumulative' ? ` ${k.fromYear}–${k.targetYear}` : k.basis === 'phase_end' ? ` (đến ${k.targetYear})` : '') : '',
          value: c.share ? `${c.share.met}/${c.share.of} đơn vị đạt` : k.measure === 'text' ? '' : figure(c.value),
          judged: figure(c.judged ?? null),
          unit: numeric ? unitOfMeasure(k) : '',
          verdict: c.verdict === 'no_data' ? 'Chưa có số liệu' : c.verdict === 'incomplete' ? `Thiếu số liệu năm ${yearSpans(c.missingYears ?? [])}` : VERDICT_VI[c.verdict],
          reported: c.reported,
          note: [k.targetNoteVi ?? k.noteVi, c.notCounted ? `${c.notCounted} số liệu của đơn vị khác được lưu, không tính` : null].filter(Boolean).join('; '),
        };
      }
    },
  };

  return {
    campaignId,
    sheets: [unitSheet, updateSheet, reportSheet, citizenSheet, summarySheet],
    rowCount: units.length + updates.length + reports.length * sections.length + citizenCount + summary.criteria.length,
  };
}
