import type { Clock } from '../clock.js';
import type { Db } from '../store/db.js';
import { applyCampaignFile } from './apply-campaign-file.js';
import { emptyChanges, type TCampaignChanges } from './campaign-changes.js';
import type { CampaignSource } from './read-campaign-file.js';

export interface CheckCampaignLoadOptions {
  db: Db;
  source: CampaignSource;
  clock: Clock;
}

/** Thrown to roll the dry run back, carrying what it found. */
class DryRunDone extends Error {
  constructor(readonly changes: TCampaignChanges) {
    super('dry run');
  }
}

/**
 * What loading the file would change, found by loading it for real in a transaction that is
 * then rolled back: the report cannot drift from what a load does. Nothing is written.
 */
export async function checkCampaignLoad({ db, source, clock }: CheckCampaignLoadOptions): Promise<{ unchanged: boolean; archived: string | null; changes: TCampaignChanges }> {
  const existing = await db.campaign.findUnique({ where: { code: source.campaign.code } });
  if (existing?.archivedAt) return { unchanged: false, archived: existing.supersededByCode ?? '?', changes: emptyChanges(source.campaign.code) };
  if (existing && existing.sourceHash === source.hash) return { unchanged: true, archived: null, changes: emptyChanges(source.campaign.code) };
  try {
    await db.$transaction(
      async (tx) => {
        const { changes } = await applyCampaignFile(tx, { source, now: clock.now(), batchId: 'dry-run' });
        throw new DryRunDone(changes);
      },
      { maxWait: 20_000, timeout: 120_000 },
    );
  } catch (error) {
    if (error instanceof DryRunDone) return { unchanged: false, archived: null, changes: error.changes };
    throw error;
  }
  throw new Error('unreachable: the dry run always rolls back');
}
