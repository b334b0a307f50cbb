import { activeUnitContacts } from '../people/active-unit-contacts.js';
import { recordAudit } from '../audit/record-audit.js';
import type { TurnContext } from '../core/turn-context.js';
import { bilingual, concat, msg, verbatim, type TMsg, type TReply } from '../core/message.js';
import { notifyOfficials } from '../people/notify-officials.js';
import { changeWasteStatus } from './change-waste-status.js';

type ReviewContext = Pick<TurnContext, 'tx' | 'clock' | 'notify'>;

async function unitName(ctx: ReviewContext, unitId: string | null): Promise<TMsg> {
  const unit = unitId ? await ctx.tx.unit.findUnique({ where: { id: unitId } }) : null;
  return unit ? bilingual(unit.nameVi, unit.nameEn) : verbatim('—');
}

async function notifyUnit(ctx: ReviewContext, unitId: string, message: TReply, dedupeKey: string): Promise<void> {
  for (const personId of await activeUnitContacts(ctx.tx, { unitId })) await ctx.notify(personId, message, `${dedupeKey}:${personId}`);
}

/**
 * A unit says it is done. The reporter only hears "resolved" once the board confirms; until
 * then the report is handled and the unit's words wait on the report for the board to read.
 */
export async function proposeUnitResult(ctx: ReviewContext, options: { reportId: string; text: string; actorId: string }): Promise<{ ok: boolean }> {
  const report = await ctx.tx.wasteReport.findUnique({ where: { id: options.reportId } });
  if (!report || !['forwarded', 'handling'].includes(report.status)) return { ok: false };
  if (report.status === 'forwarded') {
    // The reporter learns the unit has taken it up; the result itself waits for the board.
    const moved = await changeWasteStatus(ctx, { reportId: report.id, to: 'handling', actorId: options.actorId });
    if (!moved.ok) return { ok: false };
  }
  const now = ctx.clock.now();
  await ctx.tx.wasteReport.update({ where: { id: report.id }, data: { proposedResult: options.text, proposedAt: now, proposedById: options.actorId } });
  await recordAudit(ctx.tx, { actorId: options.actorId, action: 'waste.result_proposed', subjectType: 'waste_report', subjectId: report.id, details: { note: options.text }, at: now });
  await notifyOfficials(
    ctx,
    {
      lines: [
        concat(msg('unitReview.proposed', { code: report.code }), await unitName(ctx, report.assignedUnitId)),
        concat(msg('waste.notice.note'), verbatim(options.text)),
        msg('unitReview.proposedAsk'),
      ],
      buttons: [
        [
          { label: msg('unitReview.confirm'), data: `m:xl ${report.code} confirm` },
          { label: msg('unitReview.sendBack'), data: `m:xl ${report.code} sendback` },
        ],
        [{ label: msg('triage.view'), data: `m:xl ${report.code}` }],
      ],
    },
    `waste-proposed:${report.id}:${now.getTime()}`,
  );
  return { ok: true };
}

/** Tells the board what a unit reported, when there is nothing for it to confirm. */
export async function tellBoardOfUnitResult(ctx: ReviewContext, options: { reportId: string; status: 'handling' | 'resolved'; text: string; eventId: string }): Promise<void> {
  const report = await ctx.tx.wasteReport.findUniqueOrThrow({ where: { id: options.reportId } });
  await notifyOfficials(
    ctx,
    {
      lines: [
        concat(msg(`unitReview.unitSaid.${options.status}`, { code: report.code }), await unitName(ctx, report.assignedUnitId)),
        concat(msg('waste.notice.note'), verbatim(options.text)),
      ],
      buttons: [[{ label: msg('triage.view'), data: `m:xl ${report.code}` }]],
    },
    `waste-unit-result:${options.eventId}`,
  );
}

export type ReviewUnitResultOutcome = { ok: true } | { ok: false; reason: 'nothing_waiting' | 'not_allowed' };

/** The board accepts the unit's result: the reporter is now told, with the unit's words. */
export async function confirmUnitResult(ctx: ReviewContext, options: { reportId: string; actorId: string }): Promise<ReviewUnitResultOutcome> {
  const report = await ctx.tx.wasteReport.findUnique({ where: { id: options.reportId } });
  if (!report?.proposedResult) return { ok: false, reason: 'nothing_waiting' };
  const result = await changeWasteStatus(ctx, { reportId: report.id, to: 'resolved', note: { text: report.proposedResult, audience: 'public' }, actorId: options.actorId });
  if (!result.ok) return { ok: false, reason: 'not_allowed' };
  await ctx.tx.wasteReport.update({ where: { id: report.id }, data: { proposedResult: null, proposedAt: null, proposedById: null } });
  if (report.assignedUnitId) {
    await notifyUnit(ctx, report.assignedUnitId, { lines: [msg('unitReview.confirmedToUnit', { code: report.code })] }, `waste-confirmed:${result.eventId}`);
  }
  return { ok: true };
}

/** The board sends the result back with a reason, which only the unit reads; the report stays open. */
export async function sendBackUnitResult(ctx: ReviewContext, options: { reportId: string; actorId: string; reason: string }): Promise<ReviewUnitResultOutcome> {
  const report = await ctx.tx.wasteReport.findUnique({ where: { id: options.reportId } });
  if (!report?.proposedResult) return { ok: false, reason: 'nothing_waiting' };
  const now = ctx.clock.now();
  await ctx.tx.wasteReport.update({ where: { id: report.id }, data: { proposedResult: null, proposedAt: null, proposedById: null, updatedAt: now } });
  const event = await ctx.tx.wasteStatusEvent.create({
    data: { reportId: report.id, status: report.status, note: options.reason, audience: 'internal', actorId: options.actorId, createdAt: now },
  });
  await recordAudit(ctx.tx, { actorId: options.actorId, action: 'waste.result_sent_back', subjectType: 'waste_report', subjectId: report.id, details: { reason: options.reason }, at: now });
  if (report.assignedUnitId) {
    await notifyUnit(
      ctx,
      report.assignedUnitId,
      {
        lines: [msg('unitReview.sentBackToUnit', { code: report.code }), concat(msg('unitReview.reason'), verbatim(options.reason))],
        buttons: [[{ label: msg('waste.forward.answer'), data: `m:ketqua ${report.code}` }]],
      },
      `waste-sent-back:${event.id}`,
    );
  }
  return { ok: true };
}
