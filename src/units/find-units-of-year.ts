import type { Prisma, Tx } from '../store/db.js';

export interface FindUnitsOfYearOptions {
  /** The campaign running now. */
  campaignId: string;
  year: number;
}

export interface TUnitsOfYear {
  /** The campaign whose criteria, targets and schedule the year is judged by. */
  campaignId: string;
  /** The campaigns running in the year: the one judged by first. */
  campaignIds: string[];
  /** The units valid at any time in the year, in those campaigns. */
  unitWhere: Prisma.UnitWhereInput;
}

/**
 * Which units a year is shown with. A reorganisation archives a campaign and ends its units
 * (`validTo`) without touching their figures, so a past year is read with the units that
 * existed then: the campaigns of the year are the running one and those it superseded, each
 * taken for the years it covers; their units count if valid on any day of the year. A unit
 * dropped from the file without lineage has no end day and is left out once inactive, as before.
 */
export async function findUnitsOfYear(tx: Tx, options: FindUnitsOfYearOptions): Promise<TUnitsOfYear> {
  const { year } = options;
  const chain = [await tx.campaign.findUniqueOrThrow({ where: { id: options.campaignId }, select: { id: true, code: true, startYear: true, endYear: true } })];
  for (let i = 0; i < chain.length; i++) {
    const earlier = await tx.campaign.findMany({ where: { supersededByCode: chain[i]!.code }, select: { id: true, code: true, startYear: true, endYear: true }, orderBy: { startYear: 'desc' } });
    chain.push(...earlier.filter((c) => !chain.some((k) => k.id === c.id)));
  }
  // The latest campaign begun by the year judges it; before them all, the earliest.
  const judging = chain.find((c) => c.startYear <= year) ?? chain.at(-1)!;
  const running = chain.filter((c) => c.id !== judging.id && c.startYear <= year && year <= c.endYear);
  const later = chain.filter((c) => c.startYear > year && c.id !== judging.id);
  const campaignIds = [judging.id, ...running.map((c) => c.id), ...later.map((c) => c.id)];
  const validInYear: Prisma.UnitWhereInput[] = [
    { OR: [{ validFrom: null }, { validFrom: { lte: `${year}-12-31` } }] },
    { OR: [{ validTo: { gte: `${year}-01-01` } }, { validTo: null, active: true }] },
  ];
  return {
    campaignId: judging.id,
    campaignIds,
    unitWhere: {
      OR: [
        { campaignId: { in: [judging.id, ...running.map((c) => c.id)] }, AND: validInYear },
        // A unit a reorganisation formed during the year (1 July 2025) belongs to a campaign
        // begun later; what it reported for the year must not vanish from the year, so it
        // counts when it did report, and is not listed as late when it did not.
        ...(later.length
          ? [{
              campaignId: { in: later.map((c) => c.id) },
              validFrom: { not: null, lte: `${year}-12-31` },
              AND: validInYear,
              OR: [{ progressUpdates: { some: { period: { startsWith: String(year) } } } }, { annualReports: { some: { year } } }],
            }]
          : []),
      ],
    },
  };
}
