import type { Tx } from '../store/db.js';

export interface RecentReportTimesOptions {
  personId: string;
  /** The web visitor's address: someone who drops the cookie becomes a new person, not a new address. */
  sourceKey?: string;
  since: Date;
}

/**
 * When the reports filed by this person or from this address since `since` were filed, oldest
 * first, and which of them are the person's own: several people may share one address (a
 * commune office's Wi-Fi, a mobile carrier), and are told so rather than blamed.
 */
export async function recentReportTimes(tx: Tx, options: RecentReportTimesOptions): Promise<{ at: Date; mine: boolean }[]> {
  const rows = await tx.wasteReport.findMany({
    where: { OR: [{ reporterId: options.personId }, ...(options.sourceKey ? [{ sourceKey: options.sourceKey }] : [])], createdAt: { gte: options.since } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true, reporterId: true },
  });
  return rows.map((r) => ({ at: r.createdAt, mine: r.reporterId === options.personId }));
}
