import { CampaignDirectory, type TCampaignView } from '../core/campaigns.js';
import type { Tx } from '../store/db.js';

export interface LoadCampaignDirectoryOptions {
  /** The campaigns CAMPAIGN_FILE names, in its order: the first is the main one. */
  activeIds: readonly string[];
}

/**
 * Every campaign in the database, each with the chain of campaigns it superseded (a
 * superseded campaign names its successor's code), for the directory turns work with.
 */
export async function loadCampaignDirectory(tx: Tx, options: LoadCampaignDirectoryOptions): Promise<CampaignDirectory> {
  const rows = await tx.campaign.findMany({
    select: { id: true, code: true, nameVi: true, nameEn: true, archivedAt: true, supersededByCode: true, startYear: true },
    orderBy: { startYear: 'desc' },
  });
  const lineageOf = (code: string, seen: Set<string>): string[] => {
    const self = rows.find((r) => r.code === code);
    if (!self || seen.has(code)) return [];
    seen.add(code);
    return [self.id, ...rows.filter((r) => r.supersededByCode === code).flatMap((r) => lineageOf(r.code, seen))];
  };
  const all: TCampaignView[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameVi: r.nameVi,
    nameEn: r.nameEn,
    archived: r.archivedAt !== null,
    lineage: lineageOf(r.code, new Set()),
  }));
  return new CampaignDirectory(all, options.activeIds);
}
