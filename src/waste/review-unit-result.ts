import { activeUnitContacts } from '../people/active-unit-contacts.js';
import { commandButton } from '../core/command-button.js';
import type { TurnContext } from '../core/turn-context.js';
import { bilingual, concat, msg, verbatim, type TMsg, type TReply } from '../core/message.js';
import { notifyOfficials } from '../people/notify-officials.js';
import { findUnit } from '../units/find-unit.js';
import { changeWasteStatus } from './change-waste-status.js';
import { clearProposedResult } from './clear-proposed-result.js';
import { findWasteReport } from './find-waste-report.js';
import { proposeResult } from './propose-result.js';
import { sendBackResult } from './send-back-result.js';

type ReviewContext = Pick<TurnContext, 'run' | 'clock' | 'notify' | 'campaigns'>;

async function unitName(ctx: ReviewContext, unitId: string | null): Promise<TMsg> {
  const unit = unitId ? await ctx.run(findUnit, { unitId }) : null;
  return unit ? bilingual(unit.nameVi, unit.nameEn) : verbatim('—');
}

async function notifyUnit(ctx: ReviewContext, unitId: string, message: TReply, dedupeKey: string): Promise<void> {
  for (const personId of await ctx.run(activeUnitContacts, { unitId })) await ctx.notify(personId, message, `${dedupeKey}:${personId}`);
}

/**
 * A unit says it is done. The reporter only hears "resolved" once the board confirms; until
 * then the report is handled and the unit's words wait on the report for the board to read.
 */
export async function proposeUnitResult(ctx: ReviewContext, options: { reportId: string; text: string; actorId: string }): Promise<{ ok: boolean }> {
  const report = await ctx.run(findWasteReport, { reportId: options.reportId });
  if (!report || !['forwarded', 'handling'].includes(report.status)) return { ok: false };
  if (report.status === 'forwarded') {
    // The reporter learns the unit has taken it up; the result itself waits for the board.
    const moved = await changeWasteStatus(ctx, { reportId: report.id, to: 'handling', actorId: options.actorId });
    if (!moved.ok) return { ok: false };
  }
  const now = ctx.clock.now();
  await ctx.run(proposeResult, { reportId: report.id, text: options.text, actorId: options.actorId, now });
  await notifyOfficials(
    ctx,
    // Citizens report to the main campaign; its officials triage.
    ctx.campaigns.main.id,
    {
      lines: [
        concat(msg('unitReview.proposed', { code: report.code }), await unitName(ctx, report.assignedUnitId)),
        concat(msg('waste.notice.note'), verbatim(options.text)),
        msg('unitReview.proposedAsk'),
      ],
      buttons: [
        [commandButton(msg('unitReview.confirm'), 'xl', report.code, 'confirm'), commandButton(msg('unitReview.sendBack'), 'xl', report.code, 'sendback')],
        [commandButton(msg('triage.view'), 'xl', report.code)],
      ],
    },
    `waste-proposed:${report.id}:${now.getTime()}`,
  );
  return { ok: true };
}

/** Tells the board what a unit reported, when there is nothing for it to confirm. */
export async function tellBoardOfUnitResult(ctx: ReviewContext, options: { reportId: string; status: 'handling' | 'resolved'; text: string; eventId: string }): Promise<void> {
  const report = (await ctx.run(findWasteReport, { reportId: options.reportId }))!;
  await notifyOfficials(
    ctx,
    ctx.campaigns.main.id,
    {
      lines: [
        concat(msg(`unitReview.unitSaid.${options.status}`, { code: report.code }), await unitName(ctx, report.assignedUnitId)),
        concat(msg('waste.notice.note'), verbatim(options.text)),
      ],
      buttons: [[commandButton(msg('triage.view'), 'xl', report.code)]],
    },
    `waste-unit-result:${options.eventId}`,
  );
}

export type ReviewUnitResultOutcome = { ok: true } | { ok: false; reason: 'nothing_waiting' | 'not_allowed' };

/** The board accepts the unit's result: the reporter is now told, with the unit's words. */
export async function confirmUnitResult(ctx: ReviewContext, options: { reportId: string; actorId: string }): Promise<ReviewUnitResultOutcome> {
  const report = await ctx.run(findWasteReport, { reportId: options.reportId });
  if (!report?.proposedResult) return { ok: false, reason: 'nothing_waiting' };
  const result = await changeWasteStatus(ctx, { reportId: report.id, to: 'resolved', note: { text: report.proposedResult, audience: 'public' }, actorId: options.actorId });
  if (!result.ok) return { ok: false, reason: 'not_allowed' };
  await ctx.run(clearProposedResult, { reportId: report.id });
  if (report.assignedUnitId) {
    await notifyUnit(ctx, report.assignedUnitId, { lines: [msg('unitReview.confirmedToUnit', { code: report.code })] }, `waste-confirmed:${result.eventId}`);
  }
  return { ok: true };
}

/** The board sends the result back with a reason, which only the unit reads; the report stays open. */
export async function sendBackUnitResult(ctx: ReviewContext, options: { reportId: string; actorId: string; reason: string }): Promise<ReviewUnitResultOutcome> {
  const report = await ctx.run(findWasteReport, { reportId: options.reportId });
  if (!report?.proposedResult) return { ok: false, reason: 'nothing_waiting' };
  const { eventId } = await ctx.run(sendBackResult, { reportId: report.id, status: report.status, reason: options.reason, actorId: options.actorId, now: ctx.clock.now() });
  if (report.assignedUnitId) {
    await notifyUnit(
      ctx,
      report.assignedUnitId,
      {
        lines: [msg('unitReview.sentBackToUnit', { code: report.code }), concat(msg('unitReview.reason'), verbatim(options.reason))],
        buttons: [[commandButton(msg('waste.forward.answer'), 'ketqua', report.code)]],
      },
      `waste-sent-back:${eventId}`,
    );
  }
  return { ok: true };
}
