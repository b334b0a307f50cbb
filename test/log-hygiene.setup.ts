import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Vitest global setup: collects the logs of the whole run, then fails it if any line carries a
 * bot token or webhook secret, a citizen's phone number, or who a person is (the fake
 * platforms name their users "User<id>"; raw updates carry `first_name`).
 */
// Vitest reports an error thrown in a global teardown but still exits 0: set the code instead.
function fail(message: string): void {
  console.error(`\n${message}\n`);
  process.exitCode = 1;
}

export function setup(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'thidua-test-logs-'));
  process.env.THIDUA_TEST_LOG_DIR = dir;
  return () => {
    try {
      const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
      const secretsFile = path.join(dir, 'secrets.txt');
      const secrets = [...new Set(readdirSync(dir).includes('secrets.txt') ? readFileSync(secretsFile, 'utf8').split('\n').filter(Boolean) : [])];
      const checks: { what: string; test: (line: string) => boolean }[] = [
        { what: 'a bot token or webhook secret', test: (line) => secrets.some((s) => line.includes(s)) },
        { what: 'a token inside a Telegram API URL', test: (line) => /bot\d+:[A-Za-z0-9_-]{20,}/.test(line) },
        { what: 'a phone number', test: (line) => /(?<![\w.])(?:\+?84|0)[35789]\d{8}(?!\d)/.test(line) },
        { what: 'a person\'s name from the platform', test: (line) => /\bUser\d{2,}\b|first_name/.test(line) },
      ];
      const found: string[] = [];
      let lines = 0;
      for (const file of files) {
        for (const [i, line] of readFileSync(path.join(dir, file), 'utf8').split('\n').entries()) {
          lines++;
          for (const check of checks) if (check.test(line)) found.push(`${file}:${i + 1} contains ${check.what}`);
        }
      }
      // The offending lines are not printed: they hold what must not be shown.
      if (found.length) fail(`log hygiene: ${found.length} log lines leak data:\n${found.slice(0, 20).join('\n')}`);
      else console.log(`log hygiene: ${lines} log lines from ${files.length} processes checked, nothing leaked`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
