import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CampaignFileError } from '../errors.js';
import { ZCampaignFile, type TCampaignFile } from './campaign-file.js';

export interface CampaignSource {
  campaign: TCampaignFile;
  hash: string;
  /** where it was read from, for messages */
  file?: string;
}

export function readCampaignFile(file: string): CampaignSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CampaignFileError(file, [`cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}); check CAMPAIGN_FILE`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CampaignFileError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = ZCampaignFile.safeParse(json);
  if (!parsed.success) {
    throw new CampaignFileError(
      file,
      parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return { campaign: parsed.data, hash: createHash('sha256').update(text).digest('hex'), file };
}
