import type { CampaignDirectory } from '../core/campaigns.js';
import { CampaignFileError } from '../errors.js';
import type { Db } from '../store/db.js';
import { loadCampaign, type LoadCampaignOptions } from './load-campaign.js';
import { loadCampaignDirectory } from './load-campaign-directory.js';
import { readCampaignFile } from './read-campaign-file.js';

export interface LoadCampaignsOptions extends Omit<LoadCampaignOptions, 'source'> {
  db: Db;
  /** CAMPAIGN_FILE: the movements run side by side, the main one first. */
  files: readonly string[];
}

export interface LoadCampaignsResult {
  directory: CampaignDirectory;
  loaded: { code: string; changed: boolean }[];
}

/**
 * Loads each campaign file of CAMPAIGN_FILE in its order. The files are checked against each
 * other before anything is written: two files of one campaign, or a file that supersedes
 * another one listed, would run a movement and its own successor side by side.
 */
export async function loadCampaigns({ files, ...options }: LoadCampaignsOptions): Promise<LoadCampaignsResult> {
  const sources = files.map((file) => readCampaignFile(file));
  sources.forEach((source, i) => {
    const file = source.file ?? files[i]!;
    const same = sources.findIndex((other) => other.campaign.code === source.campaign.code);
    if (same !== i) throw new CampaignFileError(file, [`campaign ${source.campaign.code} is also the campaign of ${files[same]}: list each campaign once in CAMPAIGN_FILE`]);
    for (const { campaign } of source.campaign.lineage.supersedes) {
      if (sources.some((other) => other.campaign.code === campaign)) {
        throw new CampaignFileError(file, [`it supersedes ${campaign}, which CAMPAIGN_FILE also lists: remove the older file from CAMPAIGN_FILE (its years stay readable)`]);
      }
    }
  });
  const loaded: LoadCampaignsResult['loaded'] = [];
  const activeIds: string[] = [];
  for (const source of sources) {
    const result = await loadCampaign({ ...options, source });
    activeIds.push(result.campaignId);
    loaded.push({ code: source.campaign.code, changed: result.changed });
  }
  const directory = await loadCampaignDirectory(options.db, { activeIds });
  return { directory, loaded };
}
