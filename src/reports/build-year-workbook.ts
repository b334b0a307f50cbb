import ExcelJS from 'exceljs';
import { evaluateTarget, formatTarget } from '../domain/measure-value.js';
import { readSectionData } from '../annual-report/report-section-data.js';
import { vietnamYear } from '../domain/period.js';
import type { Tx } from '../store/db.js';
import { spec } from '../unit-reporting/criterion-view.js';
import { latestPerUnit } from '../unit-reporting/latest-per-unit.js';
import { valueOf } from '../unit-reporting/record-progress-update.js';

const STATE_VI: Record<string, string> = { draft: 'Bản nháp', submitted: 'Đã nộp', returned: 'Trả lại để sửa', accepted: 'Đã chấp nhận' };
const STATUS_VI: Record<string, string> = {
  received: 'Đã tiếp nhận', verifying: 'Đang xác minh', forwarded: 'Đã chuyển đơn vị', handling: 'Đơn vị đang xử lý',
  resolved: 'Đã xử lý xong', rejected: 'Không chấp nhận', duplicate: 'Trùng lặp', reopened: 'Mở lại',
};
const VERDICT_VI = { met: 'Đạt', not_met: 'Chưa đạt', no_target: 'Không có chỉ tiêu' };

type Column = { header: string; key: string; width: number; numFmt?: string };

function sheet(workbook: ExcelJS.Workbook, name: string, columns: Column[]) {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: 'middle', wrapText: true };
  return ws;
}

/**
 * The year's workbook for the board: units and their report state, progress figures, annual
 * reports, citizen reports (anonymous reporters masked) and a summary per criterion, with
 * Vietnamese headers, frozen header rows and proper number and date formats.
 */
export async function buildYearWorkbook(tx: Tx, options: { campaignId: string; year: number }): Promise<ExcelJS.Workbook> {
  const { campaignId, year } = options;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Thi Đua Bot';

  const units = await tx.unit.findMany({
    where: { campaignId, active: true },
    include: { kind: true, roles: { where: { role: 'unit_contact', revokedAt: null } }, annualReports: { where: { year } } },
    orderBy: { sortOrder: 'asc' },
  });
  const paper = await tx.cycleStatus.findMany({ where: { period: String(year), paperAt: { not: null } } });
  const unitSheet = sheet(workbook, 'Đơn vị', [
    { header: 'Mã', key: 'code', width: 16 },
    { header: 'Tên đơn vị', key: 'name', width: 44 },
    { header: 'Loại', key: 'kind', width: 30 },
    { header: 'Số đầu mối', key: 'contacts', width: 12 },
    { header: 'Báo cáo năm', key: 'state', width: 18 },
    { header: 'Số báo cáo', key: 'number', width: 24 },
    { header: 'Ngày nộp', key: 'submittedAt', width: 14, numFmt: 'dd/mm/yyyy' },
    { header: 'Nộp bản giấy', key: 'paper', width: 14 },
  ]);
  for (const u of units) {
    const report = u.annualReports[0];
    unitSheet.addRow({
      code: u.code,
      name: u.nameVi,
      kind: u.kind.nameVi,
      contacts: u.roles.length,
      state: report ? STATE_VI[report.state] ?? report.state : 'Chưa bắt đầu',
      number: report?.number ?? '',
      submittedAt: report?.submittedAt ?? null,
      paper: paper.some((p) => p.unitId === u.id) ? 'Có' : '',
    });
  }

  const updates = await tx.progressUpdate.findMany({
    where: { year, supersededAt: null, unit: { campaignId } },
    include: { unit: true, criterion: true },
    orderBy: [{ unit: { sortOrder: 'asc' } }, { criterion: { sortOrder: 'asc' } }, { period: 'asc' }],
  });
  const updateSheet = sheet(workbook, 'Số liệu tiến độ', [
    { header: 'Đơn vị', key: 'unit', width: 36 },
    { header: 'Tiêu chí', key: 'criterion', width: 50 },
    { header: 'Kỳ', key: 'period', width: 10 },
    { header: 'Giá trị', key: 'number', width: 18, numFmt: '#,##0.##' },
    { header: 'Giá trị (chữ)', key: 'text', width: 30 },
    { header: 'Đơn vị tính', key: 'measure', width: 12 },
    { header: 'Chỉ tiêu', key: 'target', width: 24 },
    { header: 'Đánh giá', key: 'verdict', width: 16 },
    { header: 'Ghi chú', key: 'note', width: 30 },
    { header: 'Cập nhật lúc', key: 'createdAt', width: 18, numFmt: 'dd/mm/yyyy hh:mm' },
  ]);
  for (const u of updates) {
    const value = valueOf(u);
    updateSheet.addRow({
      unit: u.unit.nameVi,
      criterion: u.criterion.titleVi,
      period: u.period,
      number: value.number ?? null,
      text: value.bool !== undefined ? (value.bool ? 'Có' : 'Không') : (value.date ?? value.text ?? ''),
      measure: { percent: '%', money: 'đồng', number: u.criterion.unitLabelVi ?? '', boolean: '', date: 'ngày', text: '' }[u.criterion.measure] ?? '',
      target: formatTarget(spec(u.criterion))?.vi ?? '',
      verdict: VERDICT_VI[evaluateTarget(spec(u.criterion), value)],
      note: u.note ?? '',
      createdAt: u.createdAt,
    });
  }

  const reports = await tx.annualReport.findMany({ where: { year, unit: { campaignId } }, include: { unit: true, sections: true } });
  const sections = await tx.reportSection.findMany({ where: { campaignId, active: true }, orderBy: { sortOrder: 'asc' } });
  const awards = await tx.awardForm.findMany({ where: { campaignId } });
  const reportSheet = sheet(workbook, 'Báo cáo năm', [
    { header: 'Đơn vị', key: 'unit', width: 36 },
    { header: 'Trạng thái', key: 'state', width: 16 },
    { header: 'Lần nộp', key: 'version', width: 10 },
    { header: 'Mục', key: 'section', width: 36 },
    { header: 'Nội dung', key: 'content', width: 80 },
    { header: 'Tiết kiệm (đồng)', key: 'savings', width: 20, numFmt: '#,##0' },
    { header: 'Hình thức khen thưởng', key: 'award', width: 36 },
  ]);
  for (const r of reports) {
    for (const def of sections) {
      const s = r.sections.find((x) => x.sectionCode === def.code);
      const data = s ? readSectionData(s.dataJson) : undefined;
      const row = reportSheet.addRow({
        unit: r.unit.nameVi,
        state: STATE_VI[r.state] ?? r.state,
        version: r.version,
        section: def.titleVi,
        content: s?.content ?? '',
        savings: data?.savingsVnd ?? null,
        award: awards.find((a) => a.code === data?.awardForm)?.nameVi ?? '',
      });
      row.getCell('content').alignment = { wrapText: true, vertical: 'top' };
    }
  }

  const citizen = await tx.wasteReport.findMany({
    where: { createdAt: vietnamYear(year) },
    include: { category: true, localityUnit: true, assignedUnit: true, reporter: true, _count: { select: { attachments: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const citizenSheet = sheet(workbook, 'Phản ánh', [
    { header: 'Mã', key: 'code', width: 14 },
    { header: 'Ngày gửi', key: 'createdAt', width: 18, numFmt: 'dd/mm/yyyy hh:mm' },
    { header: 'Lĩnh vực', key: 'category', width: 36 },
    { header: 'Địa bàn', key: 'locality', width: 20 },
    { header: 'Địa điểm', key: 'place', width: 30 },
    { header: 'Trạng thái', key: 'status', width: 20 },
    { header: 'Đơn vị xử lý', key: 'assigned', width: 30 },
    { header: 'Người phản ánh', key: 'reporter', width: 24 },
    { header: 'Điện thoại', key: 'phone', width: 14 },
    { header: 'Nội dung', key: 'description', width: 80 },
    { header: 'Số ảnh', key: 'photos', width: 8 },
  ]);
  for (const r of citizen) {
    citizenSheet.addRow({
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
    });
  }

  const criteria = await tx.criterion.findMany({ where: { campaignId, active: true }, orderBy: { sortOrder: 'asc' } });
  const summarySheet = sheet(workbook, 'Tổng hợp tiêu chí', [
    { header: 'Tiêu chí', key: 'criterion', width: 50 },
    { header: 'Chỉ tiêu', key: 'target', width: 24 },
    { header: 'Số đơn vị có số liệu', key: 'reported', width: 14 },
    { header: 'Đạt', key: 'met', width: 8 },
    { header: 'Chưa đạt', key: 'notMet', width: 10 },
  ]);
  for (const c of criteria) {
    const latest = latestPerUnit(updates.filter((x) => x.criterionId === c.id));
    const verdicts = [...latest.values()].map((u) => evaluateTarget(spec(c), valueOf(u)));
    summarySheet.addRow({
      criterion: c.titleVi,
      target: formatTarget(spec(c))?.vi ?? '',
      reported: latest.size,
      met: verdicts.filter((v) => v === 'met').length,
      notMet: verdicts.filter((v) => v === 'not_met').length,
    });
  }
  return workbook;
}
