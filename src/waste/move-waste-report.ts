import { recordAudit } from '../audit/record-audit.js';
import { canMoveTo, ZWasteStatus, type TNoteAudience, type TWasteStatus } from '../domain/waste-status.js';
import type { Tx } from '../store/db.js';
import { loadWasteReport, type LoadedWasteReport } from './waste-report-view.js';

export interface MoveWasteReportOptions {
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
  now: Date;
}

export type MoveWasteReportResult =
  | { ok: true; report: LoadedWasteReport; eventId: string; duplicateOfFound: boolean; followerIds: string[] }
  | { ok: false; reason: 'not_found' | 'not_allowed'; from?: TWasteStatus };

/** Kept with the report so the year's median is one indexed lookup, not a read of every row. */
export function handlingMinutes(createdAt: Date, resolvedAt: Date): number {
  return Math.max(0, Math.round((resolvedAt.getTime() - createdAt.getTime()) / 60_000));
}

/**
 * Moves a report along its lifecycle and records who did it, with what the news of it needs:
 * the report as it now is and the citizens who follow it (its reporter aside).
 */
export async function moveWasteReport(tx: Tx, options: MoveWasteReportOptions): Promise<MoveWasteReportResult> {
  const now = options.now;
  const current = await tx.wasteReport.findUnique({ where: { id: options.reportId } });
  if (!current) return { ok: false, reason: 'not_found' };
  const from = ZWasteStatus.parse(current.status);
  const note = options.note?.text || undefined;
  const audience: TNoteAudience = options.note?.audience ?? 'internal';
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
  const followers = await tx.wasteFollower.findMany({ where: { reportId: report.id, personId: { not: report.reporterId } } });
  return { ok: true, report, eventId: event.id, duplicateOfFound: duplicateOf !== null, followerIds: followers.map((f) => f.personId) };
}
