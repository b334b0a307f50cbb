import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

/**
 * The node arguments of `npm start`, read from package.json, so that a spawned bot (or a
 * measured one) runs exactly as in production: the compiled dist/ with the same V8 flags.
 */
export function startCommand(): { flags: string[]; entry: string } {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  // `exec` makes the shell npm starts become node, so a SIGTERM sent to npm reaches the bot.
  const [node, ...args] = pkg.scripts.start.trim().replace(/^exec\s+/, '').split(/\s+/);
  const entry = args.pop();
  if (node !== 'node' || !entry?.endsWith('.js')) throw new Error(`npm start should be "exec node [flags] <file.js>", not "${pkg.scripts.start}"`);
  return { flags: args, entry };
}
