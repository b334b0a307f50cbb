import type { Tx } from '../store/db.js';

export interface ListUnitChoicesOptions {
  campaignId: string;
  /** Only units of this kind. */
  kindId?: string | undefined;
  /** Only units of the kinds the campaign file marks as a report's place (`place: true`). */
  placesOnly?: boolean;
}

/** A unit as a picker shows and searches it. */
export interface UnitChoice {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
  shortName: string | null;
}

/**
 * The campaign's active units a picker offers, in the campaign's order. A province has a few
 * hundred at most, so the picker pages and searches them in memory, diacritics folded.
 */
export async function listUnitChoices(tx: Tx, options: ListUnitChoicesOptions): Promise<UnitChoice[]> {
  return tx.unit.findMany({
    where: {
      campaignId: options.campaignId,
      active: true,
      ...(options.kindId ? { kindId: options.kindId } : {}),
      ...(options.placesOnly ? { kind: { place: true, active: true } } : {}),
    },
    select: { id: true, code: true, nameVi: true, nameEn: true, shortName: true },
    orderBy: { sortOrder: 'asc' },
  });
}
