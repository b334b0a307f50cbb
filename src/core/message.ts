import { z } from 'zod';

/**
 * Text a flow wants to show, kept as data until the last moment: an i18n key with params, a
 * name from the catalogue in both languages, or text the person typed. Stored prompts hold
 * these rather than rendered strings, so a prompt re-shown after /lang is in the new language.
 */
export type TMsg =
  | { key: string; params?: Record<string, string | number> }
  | { vi: string; en: string }
  | { text: string }
  | { concat: TMsg[] };

export const ZMsg: z.ZodType<TMsg> = z.lazy(() =>
  z.union([
    z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
    z.object({ vi: z.string(), en: z.string() }),
    z.object({ text: z.string() }),
    z.object({ concat: z.array(ZMsg) }),
  ]),
);

export const msg = (key: string, params?: Record<string, string | number>): TMsg => (params ? { key, params } : { key });
export const bilingual = (vi: string, en: string): TMsg => ({ vi, en });
export const verbatim = (text: string): TMsg => ({ text });
export const concat = (...parts: TMsg[]): TMsg => ({ concat: parts });

export const ZButton = z.object({ label: ZMsg, data: z.string().max(64) });
export type TButton = z.infer<typeof ZButton>;

/** A photo a person sent, to show along with a message (a report's photos to an official). */
export const ZPhotoRef = z.object({ attachmentId: z.string(), channel: z.string(), fileRef: z.string() });
export type TPhotoRef = z.infer<typeof ZPhotoRef>;

/** One message to send: lines joined by line breaks, optional rows of buttons and photos. */
export const ZDocumentRef = z.object({ storedFileId: z.string(), fileName: z.string(), mimeType: z.string() });
export type TDocumentRef = z.infer<typeof ZDocumentRef>;

export interface TReply {
  lines: TMsg[];
  buttons?: TButton[][];
  photos?: TPhotoRef[];
  /** A file the bot made (an export), sent with the message. */
  document?: TDocumentRef;
}

export const reply = (...lines: TMsg[]): TReply => ({ lines });
