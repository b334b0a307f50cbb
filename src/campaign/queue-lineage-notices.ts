import { bilingual, reply } from '../core/message.js';
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

const VERB: Record<TLineageKind, [vi: string, en: string]> = {
  renamed: ['đổi tên thành', 'was renamed'],
  merged: ['hợp nhất vào', 'was merged into'],
  absorbed: ['sáp nhập vào', 'was absorbed into'],
  split: ['chia tách; đầu mối và việc đang mở chuyển sang', 'was split; its contacts and open work go to'],
  ended: ['kết thúc', 'ended'],
};

const dayVi = (day: string) => day.split('-').reverse().join('/');

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
    const since = (vi: boolean) => (on ? (vi ? `Từ ngày ${dayVi(on)}, ` : `From ${on}, `) : '');
    const lines = [];
    if (to) {
      const [vi, en] = VERB[kind];
      lines.push(bilingual(
        `${since(true)}${from.nameVi} ${vi} ${to.nameVi}. Bạn tiếp tục là đầu mối, nay của ${to.nameVi}; nhắc việc gửi cho ${to.nameVi}.`,
        `${since(false)}${from.nameEn} ${en} ${to.nameEn}. You remain a contact, now of ${to.nameEn}; reminders go to it.`,
      ));
      const moved = await tx.unitTransfer.findMany({ where: { batchId: t.batchId, fromUnitId: t.fromUnitId, subjectType: { in: ['waste_report', 'annual_report'] } }, select: { subjectType: true } });
      const reports = moved.filter((m) => m.subjectType === 'waste_report').length;
      const drafts = moved.filter((m) => m.subjectType === 'annual_report').length;
      if (reports || drafts) {
        lines.push(bilingual(
          `Chuyển theo: ${[reports && `${reports} phản ánh đang mở`, drafts && `${drafts} bản nháp báo cáo năm`].filter(Boolean).join(', ')}.`,
          `Moved along: ${[reports && `${reports} open citizen report${reports > 1 ? 's' : ''}`, drafts && `${drafts} annual-report draft${drafts > 1 ? 's' : ''}`].filter(Boolean).join(', ')}.`,
        ));
      }
    } else {
      const successors = t.succession
        ? await tx.unitSuccession.findMany({ where: { fromUnitId: t.fromUnitId }, include: { toUnit: { select: { nameVi: true, nameEn: true } } } })
        : [];
      const names = (vi: boolean) => successors.map((s) => (vi ? s.toUnit.nameVi : s.toUnit.nameEn)).join(', ');
      lines.push(bilingual(
        `${since(true)}${from.nameVi} ${successors.length ? `chia tách thành ${names(true)}` : 'kết thúc'}. Vai trò đầu mối của bạn cho đơn vị này đã kết thúc; nếu bạn làm đầu mối cho đơn vị mới, hãy đề nghị cán bộ phụ trách cấp mã mời.`,
        `${since(false)}${from.nameEn} ${successors.length ? `was split into ${names(false)}` : 'ended'}. Your role as its contact has ended; if you are a contact of a new unit, ask an official for an invite.`,
      ));
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
