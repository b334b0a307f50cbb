import { formatDateTime, formatDay } from '../domain/format-date.js';
import { isPublicNote, type TWasteStatus } from '../domain/waste-status.js';
import { bilingual, concat, msg, verbatim, type TMsg, type TPhotoRef } from '../core/message.js';
import type { Tx } from '../store/db.js';

export type WasteAudience = 'reporter' | 'official' | 'unit';

export async function loadWasteReport(tx: Tx, where: { id: string } | { code: string }) {
  return tx.wasteReport.findUnique({
    where,
    include: {
      category: true,
      localityUnit: true,
      assignedUnit: true,
      attachments: { orderBy: { createdAt: 'asc' } },
      events: { orderBy: { createdAt: 'asc' } },
      reporter: { include: { identities: true } },
    },
  });
}
export type LoadedWasteReport = NonNullable<Awaited<ReturnType<typeof loadWasteReport>>>;

export const statusLabel = (status: string): TMsg => msg(`waste.status.${status as TWasteStatus}`);

export function placeLine(report: Pick<LoadedWasteReport, 'placeText' | 'latitude' | 'longitude' | 'localityUnit'>): TMsg {
  const parts: TMsg[] = [];
  if (report.localityUnit) parts.push(bilingual(report.localityUnit.shortName ?? report.localityUnit.nameVi, report.localityUnit.nameEn));
  // One line, whatever was stored before places were kept on one (see the waste report flow).
  if (report.placeText) parts.push(verbatim(report.placeText.replace(/\s+/g, ' ').trim()));
  if (report.latitude !== null && report.longitude !== null) {
    parts.push(verbatim(`https://maps.google.com/?q=${report.latitude.toFixed(6)},${report.longitude.toFixed(6)}`));
  }
  if (!parts.length) return concat(msg('waste.view.place'), msg('waste.view.noPlace'));
  return concat(msg('waste.view.place'), ...parts.flatMap((p, i) => (i ? [verbatim(' — '), p] : [p])));
}

export function photoRefs(report: Pick<LoadedWasteReport, 'attachments'>): TPhotoRef[] {
  return report.attachments.map((a) => ({ attachmentId: a.id, channel: a.channel, fileRef: a.fileRef }));
}

/**
 * A report as one audience may see it. The reporter's identity appears only to officials and
 * units, only when the report is not anonymous, and the phone only with consent.
 */
export function wasteReportLines(report: LoadedWasteReport, audience: WasteAudience): TMsg[] {
  const lines: TMsg[] = [
    concat(msg('waste.view.code'), verbatim(report.code)),
    concat(msg('waste.view.status'), statusLabel(report.status)),
    concat(msg('waste.view.category'), bilingual(report.category.nameVi, report.category.nameEn)),
    placeLine(report),
    concat(msg('waste.view.sentAt'), verbatim(formatDateTime(report.createdAt))),
  ];
  if (report.attachments.length) lines.push(msg('waste.view.photos', { count: report.attachments.length }));
  if (audience !== 'reporter') {
    lines.push(
      report.anonymous
        ? msg('waste.view.reporterAnonymous')
        : concat(msg('waste.view.reporter'), verbatim(report.reporter.displayName)),
    );
    if (!report.anonymous && report.contactPhone) lines.push(concat(msg('waste.view.phone'), verbatim(report.contactPhone)));
  }
  if (report.assignedUnit && audience !== 'unit') {
    lines.push(concat(msg('waste.view.assignedUnit'), bilingual(report.assignedUnit.nameVi, report.assignedUnit.nameEn)));
  }
  lines.push(verbatim(''), msg('waste.view.description'), verbatim(report.description));
  return lines;
}

/**
 * Status history: dates and statuses, with the notes the reader may see: `all` for the board
 * (internal ones marked), `public` for the reporter, `none` for anyone else.
 */
export function historyLines(report: LoadedWasteReport, notes: 'all' | 'public' | 'none'): TMsg[] {
  return report.events.map((e) => {
    const parts: TMsg[] = [verbatim(`• ${formatDay(e.createdAt)} `), statusLabel(e.status)];
    if (notes === 'all' && e.note) {
      parts.push(verbatim(` — ${e.note}`));
      if (!isPublicNote(e)) parts.push(verbatim(' '), msg('waste.view.internalNote'));
    } else if (notes === 'public' && isPublicNote(e)) {
      parts.push(verbatim(` — ${e.note}`));
    }
    return concat(...parts);
  });
}

/**
 * What anyone may know of someone else's report: its category and the catalogue's name of its
 * place. Never its code, words, typed address, coordinates, photos or notes.
 */
export function publicSummaryLines(report: Pick<LoadedWasteReport, 'category' | 'localityUnit'>): TMsg[] {
  return [
    concat(msg('waste.view.category'), bilingual(report.category.nameVi, report.category.nameEn)),
    concat(
      msg('waste.view.place'),
      report.localityUnit
        ? bilingual(report.localityUnit.shortName ?? report.localityUnit.nameVi, report.localityUnit.nameEn)
        : msg('waste.view.nearby'),
    ),
  ];
}

/** How long ago, in days or hours, for the inbox. */
export function ageMsg(createdAt: Date, now: Date): TMsg {
  const hours = Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / 3_600_000));
  if (hours === 0) return msg('waste.age.justNow');
  return hours < 24 ? msg('waste.age.hours', { count: hours }) : msg('waste.age.days', { count: Math.floor(hours / 24) });
}
