/**
 * Applies the committed migrations to DATABASE_URL and prints the names it applied, as one
 * JSON line: `{"applied":[...]}`. The bot runs it as a process of its own at start-up when a
 * migration is pending (see migrateApart); an operator may run it before a start:
 *
 *   npm run migrate
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { applyMigrations } from '../store/apply-migrations.js';
import { parseDatabaseUrl } from '../store/database-target.js';

// A migration stopped half-way leaves the database marked as failed, to be repaired by hand.
// A stop asked for (Ctrl-C, `systemctl stop`, which signals the bot's whole group) waits for
// the migration under way; a second one stops at once.
let stopAsked = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopAsked) process.exit(130);
    stopAsked = true;
    console.error(`${signal}: finishing the migration under way first (send it again to stop at once; the database may then need repair)`);
  });
}

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const applied = await applyMigrations({ target: parseDatabaseUrl(loadConfig().DATABASE_URL) });
  console.log(JSON.stringify({ applied }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
// A PostgreSQL pool would keep the process alive for its idle timeout; the work is done.
process.exit();
