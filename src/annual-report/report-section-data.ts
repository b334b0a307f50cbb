import { z } from 'zod';

/** The typed part of a report section, beside its text. */
export const ZSectionData = z.object({
  /** The contact kept or wrote this section; pre-filled text starts unconfirmed. */
  confirmed: z.boolean().default(false),
  savingsVnd: z.number().nonnegative().optional(),
  awardForm: z.string().optional(),
});
export type TSectionData = z.infer<typeof ZSectionData>;

export function readSectionData(json: string): TSectionData {
  try {
    return ZSectionData.parse(JSON.parse(json));
  } catch {
    return ZSectionData.parse({});
  }
}

export const MAX_SECTION_CHARS = 4000;
