import { getGoLive } from '../campaign/get-campaign-schedule.js';
import { formatDay } from '../domain/format-date.js';
import { localDate, vietnamDayStart } from '../domain/period.js';
import { bilingual, concat, msg, verbatim, type TMsg } from '../core/message.js';
import { queueMessage } from '../outbox/queue-message.js';
import { isUniqueViolation } from '../store/is-unique-violation.js';
import { askedInBot, dueEnd, dueStart } from '../cycles/cycle-periods.js';
import { findAnnualReportStatus } from '../cycles/find-annual-report-status.js';
import { rolesIn } from '../core/campaigns.js';
import { hasRole, ZGrantableRole } from '../domain/role.js';
import type { SweepDeps } from './run-reminder-sweep.js';

/** Overdue units named in the digest; the rest are counted, and /quahan lists them all. */
const DIGEST_UNITS_LISTED = 30;

const DAY = 86_400_000;
export const DIGEST_HOUR = 8;

/**
 * The officials' weekly digest, Monday from 08:00: annual-report submissions, overdue units,
 * new citizen reports and the week's figures. Keyed by the Monday, so it goes once a week
 * whatever the number of sweeps or instances.
 */
export async function runDigestSweep(deps: SweepDeps): Promise<number[]> {
  const { db, clock, campaigns } = deps;
  const now = clock.now();
  const today = localDate(now);
  const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
  const dayStart = vietnamDayStart(today.year, today.month, today.day);
  if (weekday !== 1 || now.getTime() < dayStart.getTime() + DIGEST_HOUR * 3_600_000) return [];
  const readers = await db.person.findMany({
    where: { digestOptIn: true, roles: { some: { role: { in: ['official', 'admin'] }, revokedAt: null } } },
    select: { id: true, roles: { where: { role: { in: ['official', 'admin'] }, revokedAt: null }, select: { role: true, campaignId: true } } },
  });
  if (!readers.length) return [];

  const weekAgo = new Date(now.getTime() - 7 * DAY);
  // One part per movement; each reader gets the parts of the campaigns their role covers.
  const parts = new Map<string, { status: TMsg[]; updates: TMsg }>();
  for (const campaign of campaigns.active) {
    const lines: TMsg[] = [];
    if (campaigns.active.length > 1) lines.push(verbatim(''), concat(verbatim('▸ '), bilingual(campaign.nameVi, campaign.nameEn)));
    const annual = await findAnnualReportStatus(db, { campaignId: campaign.id, now });
    if (annual) {
      const { period, due, units, done, pending } = annual;
      lines.push(verbatim(''), msg('digest.submissions', { year: period, done: done.size, total: units.length, due: formatDay(dueStart(due)) }));
      // Overdue as /quahan has it: not for a period due before the campaign went live in the bot.
      if (now > dueEnd(due) && pending.length && askedInBot(due, await getGoLive(db, campaign.id))) {
        lines.push(msg('digest.overdue', { count: pending.length }));
        lines.push(...pending.slice(0, DIGEST_UNITS_LISTED).map((u) => concat(verbatim('• '), bilingual(u.shortName ?? u.nameVi, u.nameEn))));
        // A count that names fewer units than it says would read as a mistake in the figure.
        if (pending.length > DIGEST_UNITS_LISTED) lines.push(msg('digest.overdueMore', { count: pending.length - DIGEST_UNITS_LISTED }));
      }
    }
    const recent = { createdAt: { gte: weekAgo }, unit: { campaignId: { in: [...campaign.lineage] } } };
    const updates = await db.progressUpdate.count({ where: recent });
    const activeUnits = (await db.progressUpdate.findMany({ where: recent, select: { unitId: true }, distinct: ['unitId'] })).length;
    parts.set(campaign.id, { status: lines, updates: msg('digest.updates', { count: updates, units: activeUnits }) });
  }
  // Citizens report to the main campaign.
  const newReports = await db.wasteReport.count({ where: { createdAt: { gte: weekAgo } } });
  const waiting = await db.wasteReport.count({ where: { status: { in: ['received', 'verifying', 'reopened'] } } });
  const resolved = await db.wasteReport.count({ where: { status: 'resolved', resolvedAt: { gte: weekAgo } } });
  const citizenReports = [verbatim(''), msg('digest.citizenReports', { count: newReports, waiting, resolved })];

  const week = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
  const ids: number[] = [];
  for (const reader of readers) {
    const person = { assignments: reader.roles.map((r) => ({ role: ZGrantableRole.parse(r.role), unitId: null, campaignId: r.campaignId })) };
    const covered = campaigns.active.filter((c) => hasRole(rolesIn(person, c, campaigns), 'official'));
    if (!covered.length) continue;
    const lines: TMsg[] = [msg('digest.title', { date: formatDay(now) })];
    for (const campaign of covered) {
      const { status, updates } = parts.get(campaign.id)!;
      lines.push(...status, ...(campaign === campaigns.main ? citizenReports : []), updates);
    }
    try {
      ids.push(...(await db.$transaction((tx) => queueMessage(tx, { personId: reader.id, reply: { lines }, dedupeKey: `digest:${week}:${reader.id}`, render: deps.render, defaultLocale: deps.defaultLocale, now }))).map((row) => row.id));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return ids;
}
