import type { Tx } from '../store/db.js';

export interface RecentReportTimesOptions {
  personId: string;
  /** The web visitor's address: someone who drops the cookie becomes a new person, not a new address. */
  sourceKey?: string;
  since: Date;
}

/** When the reports filed by this person or from this address since `since` were filed, oldest first. */
export async function recentReportTimes(tx: Tx, options: RecentReportTimesOptions): Promise<Date[]> {
  const rows = await tx.wasteReport.findMany({
    where: { OR: [{ reporterId: options.personId }, ...(options.sourceKey ? [{ sourceKey: options.sourceKey }] : [])], createdAt: { gte: options.since } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true },
  });
  return rows.map((r) => r.createdAt);
}
