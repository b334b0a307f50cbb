import { z } from 'zod';

/** What a person sent, in channel-neutral form. Channels build this from their updates. */
export const ZInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('command'), name: z.string(), args: z.string() }),
  z.object({ kind: z.literal('button'), data: z.string() }),
  z.object({
    kind: z.literal('photo'),
    fileRef: z.string(),
    mimeType: z.string().optional(),
    sizeBytes: z.number().int().nonnegative().optional(),
    caption: z.string().optional(),
  }),
  z.object({
    kind: z.literal('document'),
    fileRef: z.string(),
    mimeType: z.string().optional(),
    fileName: z.string().optional(),
    sizeBytes: z.number().int().nonnegative().optional(),
  }),
  z.object({ kind: z.literal('location'), latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }),
  z.object({ kind: z.literal('unsupported'), what: z.string() }),
]);
export type TInput = z.infer<typeof ZInput>;

/** A validated answer to the current step, as the step's handler receives it. */
export type TAnswer =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'choice'; value: string }
  | { kind: 'photo'; fileRef: string; mimeType: string; sizeBytes?: number }
  | { kind: 'file'; fileRef: string; mimeType: string; sizeBytes?: number; fileName?: string }
  | { kind: 'place'; latitude?: number; longitude?: number; text?: string };

/** Commands arrive as /name args; a bot mention (/help@thidua_bot) is dropped. */
export function parseCommand(text: string): { name: string; args: string } | null {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), args: (match[2] ?? '').trim() };
}
