import { writeCsvRows } from '../reports/write-csv.js';
import type { Tx } from '../store/db.js';

export const NOMINEE_KINDS = ['collective', 'household', 'individual'] as const;
export type TNomineeKind = (typeof NOMINEE_KINDS)[number];

const KIND_VI: Record<string, string> = { collective: 'Tập thể', household: 'Hộ gia đình', individual: 'Cá nhân' };
const STATE_VI: Record<string, string> = { submitted: 'Chờ duyệt', returned: 'Trả lại để sửa', accepted: 'Đã chấp nhận' };

/** The phase review under way: the one opened and not closed, newest first. */
export async function getOpenReview(tx: Tx, options: { campaignId: string }) {
  return tx.phaseReview.findFirst({ where: { campaignId: options.campaignId, closedAt: null }, orderBy: { openedAt: 'desc' } });
}

export type OpenReviewResult = { ok: true; reviewId: string; phase: { nameVi: string; nameEn: string } } | { ok: false; reason: 'unknown_phase' | 'already_open' };

/** The Board opens the review of a phase (sơ kết 2025, tổng kết 2030); one per phase. */
export async function openPhaseReview(tx: Tx, options: { campaignId: string; phaseCode: string; personId: string; now: Date }): Promise<OpenReviewResult> {
  const phase = await tx.phase.findFirst({ where: { campaignId: options.campaignId, code: options.phaseCode } });
  if (!phase) return { ok: false, reason: 'unknown_phase' };
  const existing = await tx.phaseReview.findUnique({ where: { campaignId_phaseCode: { campaignId: options.campaignId, phaseCode: phase.code } } });
  if (existing) return { ok: false, reason: 'already_open' };
  const review = await tx.phaseReview.create({ data: { campaignId: options.campaignId, phaseCode: phase.code, openedAt: options.now, openedById: options.personId } });
  return { ok: true, reviewId: review.id, phase };
}

export type ReviewProposalResult = { ok: true; unitId: string; submittedById: string } | { ok: false; reason: 'not_found' | 'not_pending' };

/**
 * An official accepts a proposal of `campaignId`'s review (the turn's: an id from an old button
 * may name another movement's), or returns it with a reason for the unit to correct.
 */
export async function reviewProposal(tx: Tx, options: { proposalId: string; campaignId: string; decision: 'accept' | 'return'; reason?: string; personId: string; now: Date }): Promise<ReviewProposalResult> {
  const proposal = await tx.commendationProposal.findUnique({ where: { id: options.proposalId }, include: { review: { select: { campaignId: true } } } });
  if (!proposal || proposal.review.campaignId !== options.campaignId) return { ok: false, reason: 'not_found' };
  // Only a proposal waiting for review: two officials acting at once do not both decide.
  const changed = await tx.commendationProposal.updateMany({
    where: { id: proposal.id, state: 'submitted' },
    data: {
      state: options.decision === 'accept' ? 'accepted' : 'returned',
      returnReason: options.decision === 'return' ? (options.reason ?? null) : null,
      reviewedById: options.personId,
      reviewedAt: options.now,
    },
  });
  if (!changed.count) return { ok: false, reason: 'not_pending' };
  return { ok: true, unitId: proposal.unitId, submittedById: proposal.submittedById };
}

/** The consolidated list the Board passes up: accepted proposals, by award form then unit. */
export async function consolidatedList(tx: Tx, { reviewId }: { reviewId: string }) {
  const review = await tx.phaseReview.findUniqueOrThrow({ where: { id: reviewId } });
  const proposals = await tx.commendationProposal.findMany({ where: { reviewId }, orderBy: { submittedAt: 'asc' } });
  const units = await tx.unit.findMany({ where: { campaignId: review.campaignId }, select: { id: true, nameVi: true, shortName: true, sortOrder: true } });
  const awards = await tx.awardForm.findMany({ where: { campaignId: review.campaignId }, orderBy: { sortOrder: 'asc' } });
  const reports = await tx.phaseReport.findMany({ where: { reviewId }, select: { unitId: true } });
  const unit = new Map(units.map((u) => [u.id, u]));
  const awardOrder = new Map(awards.map((a, i) => [a.code, i]));
  const rows = proposals
    .map((p) => ({
      id: p.id,
      award: awards.find((a) => a.code === p.awardCode)?.nameVi ?? p.awardCode,
      awardOrder: awardOrder.get(p.awardCode) ?? 99,
      kind: KIND_VI[p.nomineeKind] ?? p.nomineeKind,
      nominee: p.nomineeName,
      unit: unit.get(p.unitId)?.nameVi ?? '',
      unitOrder: unit.get(p.unitId)?.sortOrder ?? 0,
      achievements: p.achievements,
      initiative: p.initiative ?? '',
      state: STATE_VI[p.state] ?? p.state,
      /** submitted | returned | accepted: what the code compares; `state` is its label. */
      status: p.state,
      accepted: p.state === 'accepted',
      returnReason: p.returnReason ?? '',
    }))
    .sort((a, b) => a.awardOrder - b.awardOrder || a.unitOrder - b.unitOrder);
  return { review, rows, reportedUnits: reports.length };
}

/** The consolidated list as CSV: what people typed is never run as a formula. */
export async function consolidatedCsv(rows: Awaited<ReturnType<typeof consolidatedList>>['rows']): Promise<Buffer> {
  return writeCsvRows(
    ['STT', 'Hình thức khen thưởng', 'Đối tượng', 'Tên tập thể, hộ gia đình, cá nhân', 'Đơn vị đề nghị', 'Thành tích', 'Sáng kiến, giải pháp', 'Trạng thái'],
    rows.map((r, i) => [i + 1, r.award, r.kind, r.nominee, r.unit, r.achievements, r.initiative, r.state]),
  );
}
