import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { TDatabaseTarget } from './database-target.js';
import { safeJson } from '../safe-json.js';

const ZMigrateOutput = z.object({ applied: z.array(z.string()) });

/**
 * Applies the committed migrations in a process of its own (src/cli/migrate.ts) and returns
 * the names applied. Prisma's schema engine is WebAssembly which, once loaded, stays in the
 * process for good: 15–20 MB of a bot that should stay under 230 MB, for an engine used once
 * per deploy. A worker thread would not give it back either: its memory stays mapped in the
 * thread's malloc arena after the thread ends.
 */
export async function migrateApart(target: TDatabaseTarget): Promise<string[]> {
  // From source (tests, tsx) the script is TypeScript; from dist/ (npm start) JavaScript.
  const fromSource = import.meta.url.endsWith('.ts');
  const script = fileURLToPath(new URL(`../cli/migrate.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  const url = target.provider === 'sqlite' ? `file:${target.file}` : target.url;
  // tsx is resolved from here, not from the working directory the bot was started in.
  const child = spawn(process.execPath, [...(fromSource ? ['--import', import.meta.resolve('tsx')] : []), script], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c, s) => resolve([c, s]));
  });
  if (code !== 0) throw new Error(`migrations failed: ${err.trim() || `the migration process ${signal ? `was stopped by ${signal}` : `exited with ${code}`}`}`);
  const said = ZMigrateOutput.safeParse(safeJson(out.trim().split('\n').at(-1) ?? ''));
  if (!said.success) throw new Error(`migrations: the migration process ended without saying what it applied: ${(out + err).trim().slice(-500) || 'no output'}`);
  return said.data.applied;
}
