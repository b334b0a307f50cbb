import type { TInput } from '../core/input.js';
import type { ChannelUser } from '../people/resolve-identity.js';

// Control characters (but line breaks and tabs) mean nothing in a report, break some
// displays, and PostgreSQL refuses NUL in text; they are dropped on the way in.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Any string a platform hands over: message text, a name, a caption, a file name. */
export function sanitizeText(text: string): string {
  return text.replace(CONTROL, '').normalize('NFC');
}

export function sanitizeInput(input: TInput): TInput {
  switch (input.kind) {
    case 'text':
      return { ...input, text: sanitizeText(input.text) };
    case 'command':
      return { ...input, args: sanitizeText(input.args) };
    case 'photo':
      return input.caption === undefined ? input : { ...input, caption: sanitizeText(input.caption) };
    case 'document':
      return input.fileName === undefined ? input : { ...input, fileName: sanitizeText(input.fileName) };
    default:
      return input;
  }
}

/** Names come from the platform's profile, which anyone can fill with anything. */
export function sanitizeUser(user: ChannelUser): ChannelUser {
  const { username: rawUsername, ...rest } = user;
  const displayName = sanitizeText(user.displayName).trim() || user.externalId;
  const username = rawUsername === undefined ? '' : sanitizeText(rawUsername);
  return { ...rest, displayName, ...(username ? { username } : {}) };
}
