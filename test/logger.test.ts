import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../src/logger.js';

describe('logger', () => {
  it('should scrub tokens inside Telegram API URLs, even unknown ones', () => {
    expect(scrubSecrets('GET https://api.telegram.org/bot98765:AAbbCCddEEffGGhhIIjjKKll/getMe failed', [])).toBe(
      'GET https://api.telegram.org/bot<redacted>/getMe failed',
    );
  });

  it('should scrub configured secrets from every logged line, errors included', () => {
    const lines: string[] = [];
    const secret = 'whsec_0123456789abcdef';
    const logger = createLogger({ level: 'info', secrets: [secret], destination: { write: (l) => void lines.push(l) } });
    logger.error({ err: new Error(`request with ${secret} failed`), header: secret }, `secret is ${secret}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(secret);
    expect(lines[0]).toContain('<redacted>');
  });
});
