import { formatDay } from '../domain/format-date.js';
import { localDate, vietnamDayStart } from '../domain/period.js';
import { bilingual, concat, msg, verbatim, type TMsg } from '../core/message.js';
import { queueMessage } from '../outbox/queue-message.js';
import { isUniqueViolation } from '../store/is-unique-violation.js';
import { dueEnd, dueStart } from '../cycles/cycle-periods.js';
import { findAnnualReportStatus } from '../cycles/find-annual-report-status.js';
import type { SweepDeps } from './run-reminder-sweep.js';

const DAY = 86_400_000;
export const DIGEST_HOUR = 8;

/**
 * The officials' weekly digest, Monday from 08:00: annual-report submissions, overdue units,
 * new citizen reports and the week's figures. Keyed by the Monday, so it goes once a week
 * whatever the number of sweeps or instances.
 */
export async function runDigestSweep(deps: SweepDeps): Promise<number[]> {
  const { db, clock, campaignId } = deps;
  const now = clock.now();
  const today = localDate(now);
  const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
  const dayStart = vietnamDayStart(today.year, today.month, today.day);
  if (weekday !== 1 || now.getTime() < dayStart.getTime() + DIGEST_HOUR * 3_600_000) return [];
  const readers = await db.person.findMany({
    where: { digestOptIn: true, roles: { some: { role: { in: ['official', 'admin'] }, revokedAt: null } } },
    select: { id: true },
  });
  if (!readers.length) return [];

  const weekAgo = new Date(now.getTime() - 7 * DAY);
  const lines: TMsg[] = [msg('digest.title', { date: formatDay(now) })];
  const annual = await findAnnualReportStatus(db, { campaignId, now });
  if (annual) {
    const { period, due, units, done, pending } = annual;
    lines.push(verbatim(''), msg('digest.submissions', { year: period, done: done.size, total: units.length, due: formatDay(dueStart(due)) }));
    if (now > dueEnd(due) && pending.length) {
      lines.push(msg('digest.overdue', { count: pending.length }));
      lines.push(...pending.slice(0, 30).map((u) => concat(verbatim('• '), bilingual(u.shortName ?? u.nameVi, u.nameEn))));
    }
  }
  const newReports = await db.wasteReport.count({ where: { createdAt: { gte: weekAgo } } });
  const waiting = await db.wasteReport.count({ where: { status: { in: ['received', 'verifying', 'reopened'] } } });
  const resolved = await db.wasteReport.count({ where: { status: 'resolved', resolvedAt: { gte: weekAgo } } });
  lines.push(verbatim(''), msg('digest.citizenReports', { count: newReports, waiting, resolved }));
  const updates = await db.progressUpdate.count({ where: { createdAt: { gte: weekAgo } } });
  const activeUnits = (await db.progressUpdate.findMany({ where: { createdAt: { gte: weekAgo } }, select: { unitId: true }, distinct: ['unitId'] })).length;
  lines.push(msg('digest.updates', { count: updates, units: activeUnits }));

  const week = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
  const ids: number[] = [];
  for (const reader of readers) {
    try {
      ids.push(...(await db.$transaction((tx) => queueMessage(tx, { personId: reader.id, reply: { lines }, dedupeKey: `digest:${week}:${reader.id}`, render: deps.render, defaultLocale: deps.defaultLocale, now }))).map((row) => row.id));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return ids;
}
