import { traitsOf } from '../channels/all-channels.js';
/**
 * Shows what loading a campaign file would change, or loads it, against DATABASE_URL:
 *
 *   npm run campaign -- --check prisma/campaigns/lam-dong-2026-2030.json   # dry run, writes nothing
 *   npm run campaign -- prisma/campaigns/lam-dong-2026-2030.json           # loads it
 *
 * Without a file, CAMPAIGN_FILE. Loading here does what the bot does at start; the contacts a
 * lineage entry moved are told through the outbox, which the running bot delivers.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatCampaignChanges } from '../campaign/campaign-changes.js';
import { checkCampaignLoad } from '../campaign/check-campaign-load.js';
import { loadCampaign } from '../campaign/load-campaign.js';
import { readCampaignFile } from '../campaign/read-campaign-file.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { CampaignFileError, ConfigError } from '../errors.js';
import { createTranslator } from '../i18n/create-translator.js';
import { createRenderReply } from '../outbox/render-reply.js';
import { applyMigrations } from '../store/apply-migrations.js';
import { createDatabase } from '../store/create-database.js';
import { parseDatabaseUrl } from '../store/database-target.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const usage = 'usage: npm run campaign -- [--check] [CAMPAIGN_FILE]';
const { values, positionals } = parseArgs({ options: { check: { type: 'boolean' }, help: { type: 'boolean' } }, allowPositionals: true });
if (values.help || positionals.length > 1) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}

try {
  const config = loadConfig();
  if (!positionals[0] && config.CAMPAIGN_FILE.length > 1) {
    console.error(`CAMPAIGN_FILE lists ${config.CAMPAIGN_FILE.length} files: name the one to load.\n${usage}`);
    process.exit(2);
  }
  const file = positionals[0] ? path.resolve(positionals[0]) : config.CAMPAIGN_FILE[0]!;
  const source = readCampaignFile(file);
  const target = parseDatabaseUrl(config.DATABASE_URL);
  // A dry run writes nothing, not even the schema: it checks a database the bot already uses.
  if (!values.check) await applyMigrations({ target });
  const { db, close } = await createDatabase(target);
  try {
    if (values.check) {
      const result = await checkCampaignLoad({ db, source, clock: systemClock });
      if (result.archived) console.log(`${source.campaign.code} was superseded by ${result.archived}: the bot refuses to load it.`);
      else if (result.unchanged) console.log(`${source.campaign.code}: the file is the one last loaded; loading it changes nothing.`);
      else console.log([`Dry run of ${file} (nothing written):`, ...formatCampaignChanges(result.changes)].join('\n'));
    } else {
      const render = createRenderReply(createTranslator(), traitsOf);
      const result = await loadCampaign({ db, source, clock: systemClock, notify: { render, defaultLocale: config.DEFAULT_LOCALE } });
      if (!result.changes) console.log(`${source.campaign.code}: the file is the one last loaded; nothing to do.`);
      else console.log([`Loaded ${file}:`, ...formatCampaignChanges(result.changes)].join('\n'));
      // A running bot keeps the campaign it started with: after a campaign was superseded it would
      // remind and summarise the old, ended units until it is restarted on the new file.
      if (result.changes?.archived.length) {
        console.log(`\nNow restart the bot with CAMPAIGN_FILE=${file}: until then it keeps serving the campaign it started with.`);
      }
    }
  } finally {
    await close();
  }
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof CampaignFileError ? error.message : error);
  process.exit(1);
}
