import type { TInput } from '../flows/engine/input.js';

// Control characters (but line breaks and tabs) mean nothing in a report, break some
// displays, and PostgreSQL refuses NUL in text; they are dropped on the way in.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function sanitizeInput(input: TInput): TInput {
  switch (input.kind) {
    case 'text':
      return { ...input, text: input.text.replace(CONTROL, '').normalize('NFC') };
    case 'command':
      return { ...input, args: input.args.replace(CONTROL, '').normalize('NFC') };
    case 'photo':
      return input.caption === undefined ? input : { ...input, caption: input.caption.replace(CONTROL, '') };
    default:
      return input;
  }
}
