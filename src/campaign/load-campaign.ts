import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.js';
import type { Clock } from '../clock.js';
import type { TLocale } from '../domain/locale.js';
import { CampaignFileError } from '../errors.js';
import type { RenderReply } from '../outbox/render-reply.js';
import { applyCampaignFile } from './apply-campaign-file.js';
import type { TCampaignChanges } from './campaign-changes.js';
import { queueLineageNotices } from './queue-lineage-notices.js';
import { loadCampaignDirectory } from './load-campaign-directory.js';
import { queueStrandedReportsNotice } from './queue-stranded-reports-notice.js';
import type { CampaignSource } from './read-campaign-file.js';

export interface LoadCampaignOptions {
  db: Db;
  source: CampaignSource;
  clock: Clock;
  /**
   * Tells the contacts a lineage entry moved, in the load's transaction. Without it their
   * notices wait as unnotified UnitTransfer rows for queueLineageNotices.
   */
  notify?: { render: RenderReply; defaultLocale: TLocale };
}

export interface LoadCampaignResult {
  campaignId: string;
  changed: boolean;
  /** what the load changed; absent when the file was unchanged and not loaded */
  changes?: TCampaignChanges;
}

/** Loads a campaign file in one transaction; an unchanged file (same hash) is skipped. */
export async function loadCampaign({ db, source, clock, notify }: LoadCampaignOptions): Promise<LoadCampaignResult> {
  const { campaign: file, hash } = source;
  const existing = await db.campaign.findUnique({ where: { code: file.code } });
  if (existing?.archivedAt) {
    throw new CampaignFileError(source.file ?? file.code, [
      `campaign ${file.code} was superseded by ${existing.supersededByCode ?? 'a later campaign'}: its units have ended. Set CAMPAIGN_FILE to the file of ${existing.supersededByCode ?? 'that campaign'}; the old campaign stays readable`,
    ]);
  }
  if (existing && existing.sourceHash === hash) return { campaignId: existing.id, changed: false };

  return db.$transaction(
    async (tx) => {
      const now = clock.now();
      const batchId = randomUUID();
      const { campaignId, changes } = await applyCampaignFile(tx, { source, now, batchId });
      if (notify) {
        await queueLineageNotices(tx, { ...notify, now });
        const { lineage } = (await loadCampaignDirectory(tx, { activeIds: [campaignId] })).main;
        await queueStrandedReportsNotice(tx, { ...notify, now, batchId, lineage });
      }
      return { campaignId, changed: true, changes };
    },
    { maxWait: 20_000, timeout: 120_000 },
  );
}
