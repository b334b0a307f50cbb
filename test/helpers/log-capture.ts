import { appendFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every log line the tests make is also appended to a folder the global setup created, and
 * every secret they use is noted there, so that after the whole suite one check can prove no
 * secret nor personal data reached a log (test/log-hygiene.setup.ts).
 */
const dir = () => process.env.THIDUA_TEST_LOG_DIR;

export function captureLog(text: string): void {
  const d = dir();
  if (d && text) appendFileSync(path.join(d, `${process.pid}.log`), text.endsWith('\n') ? text : `${text}\n`);
}

export function registerSecret(value: string | undefined): void {
  const d = dir();
  if (d && value && value.length >= 6) appendFileSync(path.join(d, 'secrets.txt'), `${value}\n`);
}

/** Notes the secrets among a process's settings: tokens and webhook secrets. */
export function registerSecretsOf(env: object): void {
  for (const [key, value] of Object.entries(env)) if (/TOKEN|SECRET/.test(key) && typeof value === 'string') registerSecret(value);
}
