import { activeUnitContacts } from '../people/active-unit-contacts.js';
import { recordAudit } from '../audit/record-audit.js';
import { canMoveTo, ZWasteStatus, type TNoteAudience, type TWasteStatus } from '../domain/waste-status.js';
import type { TurnContext } from '../core/turn-context.js';
import { concat, msg, verbatim, type TReply } from '../core/message.js';
import { loadWasteReport, photoRefs, publicSummaryLines, statusLabel, wasteReportLines } from './waste-report-view.js';

export interface ChangeWasteStatusOptions {
  reportId: string;
  to: TWasteStatus;
  /**
   * The reason of a rejection, what was done, a word for the unit, … with who reads it:
   * `public` tells the reporter too, `internal` only the board and the unit. The audience is
   * part of the note, so no caller can send one to a citizen by leaving it out.
   */
  note?: { text: string; audience: TNoteAudience } | undefined;
  /** Null when the bot itself acts (a reporter's "not handled" answer reopens). */
  actorId: string | null;
  assignedUnitId?: string | undefined;
  duplicateOfId?: string | undefined;
}

export type ChangeWasteStatusResult =
  | { ok: true; code: string; eventId: string }
  | { ok: false; reason: 'not_found' | 'not_allowed'; from?: TWasteStatus };

/** Kept with the report so the year's median is one indexed lookup, not a read of every row. */
export function handlingMinutes(createdAt: Date, resolvedAt: Date): number {
  return Math.max(0, Math.round((resolvedAt.getTime() - createdAt.getTime()) / 60_000));
}

/**
 * Moves a report along its lifecycle, records who did it, and queues the news for the
 * reporter and followers (and the report itself for the unit it is forwarded to), all in the
 * turn's transaction: the change and its notifications stand or fall together.
 */
export async function changeWasteStatus(
  ctx: Pick<TurnContext, 'tx' | 'clock' | 'notify'>,
  options: ChangeWasteStatusOptions,
): Promise<ChangeWasteStatusResult> {
  const { tx } = ctx;
  const now = ctx.clock.now();
  const current = await tx.wasteReport.findUnique({ where: { id: options.reportId } });
  if (!current) return { ok: false, reason: 'not_found' };
  const from = ZWasteStatus.parse(current.status);
  const note = options.note?.text || undefined;
  const audience: TNoteAudience = options.note?.audience ?? 'internal';
  const publicNote = audience === 'public' ? note : undefined;
  if (!canMoveTo(from, options.to)) return { ok: false, reason: 'not_allowed', from };

  await tx.wasteReport.update({
    where: { id: current.id },
    data: {
      status: options.to,
      updatedAt: now,
      ...(options.assignedUnitId ? { assignedUnitId: options.assignedUnitId } : {}),
      ...(options.duplicateOfId ? { duplicateOfId: options.duplicateOfId } : {}),
      ...(options.to === 'resolved' ? { resolvedAt: now, handlingMinutes: handlingMinutes(current.createdAt, now), resolutionOk: null } : {}),
    },
  });
  const event = await tx.wasteStatusEvent.create({
    data: { reportId: current.id, status: options.to, note: note ?? null, audience, actorId: options.actorId, createdAt: now },
  });
  if (options.actorId) {
    await recordAudit(tx, {
      actorId: options.actorId,
      action: `waste.${options.to}`,
      subjectType: 'waste_report',
      subjectId: current.id,
      details: { from, to: options.to, note: note ?? null, noteAudience: note ? audience : null, assignedUnitId: options.assignedUnitId ?? null },
      at: now,
    });
  }

  const report = (await loadWasteReport(tx, { id: current.id }))!;
  const duplicateOf = options.duplicateOfId ? await tx.wasteReport.findUnique({ where: { id: options.duplicateOfId } }) : null;
  // The reporter reads the public note only; an internal one is for the board and the unit.
  const news: TReply = {
    lines: [
      msg('waste.notice.changed', { code: report.code }),
      concat(msg('waste.view.status'), statusLabel(options.to)),
      ...(publicNote ? [concat(msg('waste.notice.note'), verbatim(publicNote))] : []),
      ...(duplicateOf ? [msg('waste.notice.duplicateOf')] : []),
      msg('waste.notice.track', { code: report.code }),
    ],
  };
  const reporterMessage: TReply =
    options.to === 'resolved'
      ? {
          lines: [...news.lines, msg('waste.feedback.question')],
          buttons: [
            [
              { label: msg('waste.feedback.yes'), data: `m:danhgia ${report.code} yes` },
              { label: msg('waste.feedback.no'), data: `m:danhgia ${report.code} no` },
            ],
          ],
        }
      : news;
  await ctx.notify(report.reporterId, reporterMessage, `waste-status:${event.id}:${report.reporterId}`);
  // Followers are other citizens: they learn what anyone may see (category, place, the new
  // status), never the report's code, its words or a note.
  const followers = await tx.wasteFollower.findMany({ where: { reportId: report.id, personId: { not: report.reporterId } } });
  if (followers.length) {
    const followerNews: TReply = {
      lines: [msg('waste.notice.followed'), ...publicSummaryLines(report), concat(msg('waste.view.status'), statusLabel(options.to))],
    };
    for (const f of followers) await ctx.notify(f.personId, followerNews, `waste-status:${event.id}:${f.personId}`);
  }

  if (options.to === 'forwarded' && report.assignedUnitId) {
    for (const personId of await activeUnitContacts(tx, { unitId: report.assignedUnitId })) {
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
          buttons: [[{ label: msg('waste.forward.answer'), data: `m:ketqua ${report.code}` }]],
        },
        `waste-forward:${event.id}:${personId}`,
      );
    }
  }
  return { ok: true, code: report.code, eventId: event.id };
}
