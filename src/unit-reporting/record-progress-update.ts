import type { TMeasureValue } from '../domain/measure-value.js';
import { yearOfPeriod } from '../domain/period.js';
import type { Tx } from '../store/db.js';
import { isAllowedType, maxBytesOf } from '../domain/file-types.js';

export interface RecordProgressUpdateOptions {
  unitId: string;
  criterionId: string;
  period: string;
  value: TMeasureValue;
  note?: string | undefined;
  evidence?: { channel: string; fileRef: string; mimeType: string; sizeBytes?: number | undefined } | undefined;
  submittedById: string;
  now: Date;
}

/**
 * Saves a figure. The figure it replaces (same unit, criterion and period) is marked
 * superseded rather than changed, so the history stays.
 */
export async function recordProgressUpdate(tx: Tx, options: RecordProgressUpdateOptions) {
  const evidence = options.evidence;
  if (evidence && (!isAllowedType(evidence.mimeType) || (evidence.sizeBytes ?? 0) > maxBytesOf(evidence.mimeType))) {
    throw new Error(`refusing to keep a ${evidence.mimeType} file as evidence`);
  }
  const key = { unitId: options.unitId, criterionId: options.criterionId, period: options.period };
  // One statement supersedes the standing figure and hands it back (there is at most one).
  const superseded = await tx.progressUpdate.updateManyAndReturn({ where: { ...key, supersededAt: null }, data: { supersededAt: options.now } });
  const previous = superseded.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null;
  const created = await tx.progressUpdate.create({
    data: {
      ...key,
      year: yearOfPeriod(options.period),
      valueNumber: options.value.number ?? null,
      valueBool: options.value.bool ?? null,
      valueDate: options.value.date ?? null,
      valueText: options.value.text ?? null,
      note: options.note ?? null,
      submittedById: options.submittedById,
      createdAt: options.now,
      ...(options.evidence
        ? {
            attachments: {
              create: {
                channel: options.evidence.channel,
                fileRef: options.evidence.fileRef,
                mimeType: options.evidence.mimeType,
                sizeBytes: options.evidence.sizeBytes ?? null,
                createdAt: options.now,
              },
            },
          }
        : {}),
    },
  });
  return { created, previous };
}

export function valueOf(row: { valueNumber: number | null; valueBool: boolean | null; valueDate: string | null; valueText: string | null }): TMeasureValue {
  return {
    ...(row.valueNumber !== null ? { number: row.valueNumber } : {}),
    ...(row.valueBool !== null ? { bool: row.valueBool } : {}),
    ...(row.valueDate !== null ? { date: row.valueDate } : {}),
    ...(row.valueText !== null ? { text: row.valueText } : {}),
  };
}
