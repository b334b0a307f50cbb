import type { TSectionData } from '../annual-report/report-section-data.js';
import { formatMeasureValue } from '../domain/measure-value.js';

export interface MergeSectionDataOptions {
  /** the successor's section data; null: the successor has no such section yet */
  theirs: TSectionData | null;
  /** what the ended unit typed in the same section */
  ours: TSectionData;
  /** the Vietnamese name of the award form the ended unit chose, if it chose one */
  awardName: string;
  /** whether the successor's campaign offers the award form the ended unit chose */
  awardOffered: boolean;
}

/**
 * The typed figures of an ended unit's section added to its successor's. Amounts add up; a
 * choice cannot, so the successor's stands and the ended unit's is written out in `notes`,
 * to go under its name in the section's text. Nothing the ended unit typed is lost.
 */
export function mergeSectionData(options: MergeSectionDataOptions): { data: TSectionData; notes: string[] } {
  const { theirs, awardName, awardOffered } = options;
  // Every typed field is decided here: a field added to the schema fails to compile until it is.
  const { confirmed: _confirmed, savingsVnd, awardForm, ...undecided } = options.ours;
  const _decided: Record<string, never> = undecided;
  const notes: string[] = [];

  // Stored text is Vietnamese, as the pre-filled sections are.
  // Set beside the successor's own figure, the old unit's part of the sum stays readable.
  if (savingsVnd !== undefined && theirs) notes.push(`Số tiền tiết kiệm: ${formatMeasureValue('money', { number: savingsVnd }).vi}`);
  const sum = savingsVnd === undefined ? theirs?.savingsVnd : (theirs?.savingsVnd ?? 0) + savingsVnd;

  // With no section of its own, the successor has chosen nothing the old choice would override.
  const award = theirs ? theirs.awardForm : awardOffered ? awardForm : undefined;
  if (awardForm !== undefined && awardForm !== award) notes.push(`Hình thức khen thưởng đề nghị: ${awardName}`);

  return {
    data: {
      // The section changed under the successor's contacts: one of them reviews it before the
      // report can be sent, so no one signs a merged figure they have not seen.
      confirmed: false,
      ...(sum !== undefined ? { savingsVnd: sum } : {}),
      ...(award !== undefined ? { awardForm: award } : {}),
    },
    notes,
  };
}
