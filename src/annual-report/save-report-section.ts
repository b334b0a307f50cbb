import type { Tx } from '../store/db.js';
import { readSectionData, type TSectionData } from './report-section-data.js';

export type SaveSectionResult = { ok: true; updatedAt: Date } | { ok: false; reason: 'conflict'; current: { content: string; updatedAt: Date } };

/**
 * Saves one section if nobody changed it since `seenAt` (null: it did not exist). Two
 * contacts of a unit editing the same section thus never overwrite each other unseen.
 */
export async function saveReportSection(
  tx: Tx,
  options: { reportId: string; sectionCode: string; content?: string; data: Partial<TSectionData>; seenAt: Date | null; personId: string; now: Date },
): Promise<SaveSectionResult> {
  const key = { reportId_sectionCode: { reportId: options.reportId, sectionCode: options.sectionCode } };
  const existing = await tx.annualReportSection.findUnique({ where: key });
  if (existing && (!options.seenAt || existing.updatedAt.getTime() !== options.seenAt.getTime())) {
    return { ok: false, reason: 'conflict', current: { content: existing.content, updatedAt: existing.updatedAt } };
  }
  if (!existing && options.seenAt) {
    return { ok: false, reason: 'conflict', current: { content: '', updatedAt: options.seenAt } };
  }
  const data = JSON.stringify({ ...(existing ? readSectionData(existing.dataJson) : {}), ...options.data });
  if (!existing) {
    await tx.annualReportSection.create({
      data: { reportId: options.reportId, sectionCode: options.sectionCode, content: options.content ?? '', dataJson: data, updatedAt: options.now, updatedById: options.personId },
    });
    return { ok: true, updatedAt: options.now };
  }
  const { count } = await tx.annualReportSection.updateMany({
    where: { id: existing.id, updatedAt: existing.updatedAt },
    data: { ...(options.content !== undefined ? { content: options.content } : {}), dataJson: data, updatedAt: options.now, updatedById: options.personId },
  });
  if (count !== 1) return { ok: false, reason: 'conflict', current: { content: existing.content, updatedAt: existing.updatedAt } };
  return { ok: true, updatedAt: options.now };
}
