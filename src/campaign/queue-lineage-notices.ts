import { bilingual, concat, msg, reply, verbatim, type TMsg } from '../core/message.js';
import type { TLocale } from '../domain/locale.js';
import { queueMessage } from '../outbox/queue-message.js';
import type { RenderReply } from '../outbox/render-reply.js';
import type { Tx } from '../store/db.js';
import type { TLineageKind } from './campaign-file.js';

export interface QueueLineageNoticesOptions {
  render: RenderReply;
  defaultLocale: TLocale;
  now: Date;
}

/** 2025-07-01 as 01/07/2025, the way dates are written here in both languages. */
const formatDayOf = (day: string) => day.split('-').reverse().join('/');

/**
 * Tells each contact whose role a lineage entry moved or ended what happened to their unit,
 * with what went along (open citizen reports, report drafts). Queued once per role; marks the
 * records told, so it may run at every load and after.
 */
export async function queueLineageNotices(tx: Tx, options: QueueLineageNoticesOptions): Promise<number> {
  const pending = await tx.unitTransfer.findMany({
    where: { subjectType: 'role_assignment', notifiedAt: null, personId: { not: null } },
    include: { succession: true },
    orderBy: { createdAt: 'asc' },
  });
  let queued = 0;
  for (const t of pending) {
    const from = await tx.unit.findUniqueOrThrow({ where: { id: t.fromUnitId }, select: { nameVi: true, nameEn: true, validTo: true } });
    const to = t.toUnitId ? await tx.unit.findUniqueOrThrow({ where: { id: t.toUnitId }, select: { nameVi: true, nameEn: true } }) : null;
    const kind = (t.succession?.kind ?? 'ended') as TLineageKind;
    const on = t.succession?.effectiveOn ?? (from.validTo ? nextDay(from.validTo) : null);
    const fromName = bilingual(from.nameVi, from.nameEn);
    // "From 1/7/2025, " when the change has a day, else nothing.
    const since: TMsg[] = on ? [msg('lineage.since', { date: formatDayOf(on) })] : [];
    const lines: TMsg[] = [];
    if (to) {
      const toName = bilingual(to.nameVi, to.nameEn);
      lines.push(concat(...since, fromName, verbatim(' '), msg(`lineage.kind.${kind}`), verbatim(' '), toName, verbatim('. '), msg('lineage.stillContact'), toName, verbatim('.')));
      const moved = await tx.unitTransfer.findMany({ where: { batchId: t.batchId, fromUnitId: t.fromUnitId, subjectType: { in: ['waste_report', 'annual_report'] } }, select: { subjectType: true } });
      const reports = moved.filter((m) => m.subjectType === 'waste_report').length;
      const drafts = moved.filter((m) => m.subjectType === 'annual_report').length;
      if (reports) lines.push(msg('lineage.movedReports', { count: reports }));
      if (drafts) lines.push(msg('lineage.movedDrafts', { count: drafts }));
    } else {
      const successors = t.succession
        ? await tx.unitSuccession.findMany({ where: { fromUnitId: t.fromUnitId }, include: { toUnit: { select: { nameVi: true, nameEn: true } } } })
        : [];
      const names = successors.flatMap((s, i) => [...(i ? [verbatim(', ')] : []), bilingual(s.toUnit.nameVi, s.toUnit.nameEn)]);
      const what = successors.length ? [msg('lineage.splitInto'), ...names] : [msg('lineage.kind.ended')];
      lines.push(concat(...since, fromName, verbatim(' '), ...what, verbatim('. '), msg('lineage.roleEnded')));
    }
    await queueMessage(tx, { personId: t.personId!, reply: reply(...lines), dedupeKey: `lineage:${t.id}`, render: options.render, defaultLocale: options.defaultLocale, now: options.now });
    await tx.unitTransfer.update({ where: { id: t.id }, data: { notifiedAt: options.now } });
    queued += 1;
  }
  return queued;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
