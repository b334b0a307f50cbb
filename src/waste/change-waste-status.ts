import { activeUnitContacts } from '../people/active-unit-contacts.js';
import type { TWasteStatus } from '../domain/waste-status.js';
import { commandButton } from '../core/command-button.js';
import type { TurnContext } from '../core/turn-context.js';
import { concat, msg, verbatim, type TReply } from '../core/message.js';
import { moveWasteReport, type MoveWasteReportOptions } from './move-waste-report.js';
import { photoRefs, publicSummaryLines, statusLabel, wasteReportLines } from './waste-report-view.js';

export type ChangeWasteStatusOptions = Omit<MoveWasteReportOptions, 'now'>;

export type ChangeWasteStatusResult =
  | { ok: true; code: string; eventId: string }
  | { ok: false; reason: 'not_found' | 'not_allowed'; from?: TWasteStatus };

/**
 * Moves a report along its lifecycle, records who did it, and queues the news for the
 * reporter and followers (and the report itself for the unit it is forwarded to), all in the
 * turn's transaction: the change and its notifications stand or fall together.
 */
export async function changeWasteStatus(
  ctx: Pick<TurnContext, 'run' | 'clock' | 'notify'>,
  options: ChangeWasteStatusOptions,
): Promise<ChangeWasteStatusResult> {
  const moved = await ctx.run(moveWasteReport, { ...options, now: ctx.clock.now() });
  if (!moved.ok) return moved;
  const { report, eventId } = moved;
  const note = options.note?.text || undefined;
  const publicNote = options.note?.audience === 'public' ? note : undefined;
  // The reporter reads the public note only; an internal one is for the board and the unit.
  const news: TReply = {
    lines: [
      msg('waste.notice.changed', { code: report.code }),
      concat(msg('waste.view.status'), statusLabel(options.to)),
      ...(publicNote ? [concat(msg('waste.notice.note'), verbatim(publicNote))] : []),
      ...(moved.duplicateOfFound ? [msg('waste.notice.duplicateOf')] : []),
      msg('waste.notice.track', { code: report.code }),
    ],
  };
  const reporterMessage: TReply =
    options.to === 'resolved'
      ? {
          lines: [...news.lines, msg('waste.feedback.question')],
          buttons: [[commandButton(msg('waste.feedback.yes'), 'danhgia', report.code, 'yes'), commandButton(msg('waste.feedback.no'), 'danhgia', report.code, 'no')]],
        }
      : news;
  await ctx.notify(report.reporterId, reporterMessage, `waste-status:${eventId}:${report.reporterId}`);
  // Followers are other citizens: they learn what anyone may see (category, place, the new
  // status), never the report's code, its words or a note.
  if (moved.followerIds.length) {
    const followerNews: TReply = {
      lines: [msg('waste.notice.followed'), ...publicSummaryLines(report), concat(msg('waste.view.status'), statusLabel(options.to))],
    };
    for (const personId of moved.followerIds) await ctx.notify(personId, followerNews, `waste-status:${eventId}:${personId}`);
  }

  if (options.to === 'forwarded' && report.assignedUnitId) {
    for (const personId of await ctx.run(activeUnitContacts, { unitId: report.assignedUnitId })) {
      await ctx.notify(
        personId,
        {
          lines: [
            msg('waste.forward.toUnit'),
            ...(note ? [concat(msg('waste.notice.note'), verbatim(note))] : []),
            verbatim(''),
            ...wasteReportLines(report, 'unit'),
          ],
          photos: photoRefs(report),
          buttons: [[commandButton(msg('waste.forward.answer'), 'ketqua', report.code)]],
        },
        `waste-forward:${eventId}:${personId}`,
      );
    }
  }
  return { ok: true, code: report.code, eventId };
}
