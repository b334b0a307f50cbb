import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

// Telegram puts the token in every API URL (…/bot<token>/sendMessage), and libraries copy
// those URLs into error messages; scrubbing the written line catches every such path.
const TOKEN_IN_URL = /bot\d+:[A-Za-z0-9_-]{20,}/g;

export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(TOKEN_IN_URL, 'bot<redacted>');
  for (const secret of secrets) {
    if (secret.length >= 6) out = out.split(secret).join('<redacted>');
  }
  return out;
}

export interface CreateLoggerOptions {
  level: string;
  secrets: readonly string[];
  /** Where lines go; tests pass a collecting stream. Defaults to stdout. */
  destination?: { write(line: string): void };
}

export function createLogger({ level, secrets, destination }: CreateLoggerOptions): Logger {
  const stream = destination ?? process.stdout;
  return pino(
    {
      level,
      base: undefined,
      hooks: {
        streamWrite: (line) => scrubSecrets(line, secrets),
      },
    },
    { write: (line: string) => stream.write(line) },
  );
}
