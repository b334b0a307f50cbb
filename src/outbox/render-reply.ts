import type { TLocale } from '../domain/locale.js';
import type { TReply } from '../core/message.js';
import type { Translator } from '../i18n/create-translator.js';
import type { TOutMessage } from './out-message.js';

/** What a channel can show: how long a message may be, and whether it has buttons at all. */
export const CHANNEL_TRAITS: Record<string, { maxText: number; buttons: boolean; files: boolean }> = {
  telegram: { maxText: 4000, buttons: true, files: true },
  web: { maxText: 4000, buttons: true, files: true },
  // Zalo has no buttons: choices become a numbered list the person answers by number. Its
  // Bot API sends no files either, so a document's message says where to get it.
  zalo: { maxText: 2000, buttons: false, files: false },
  // Zalo OA: 2,000 characters a text message; choices are numbered (the sender adds buttons that
  // answer with the number); its file upload takes PDF and Word only, not the Excel export.
  zalo_oa: { maxText: 2000, buttons: false, files: false },
};

export type RenderReply = (locale: TLocale, reply: TReply, channel: string) => TOutMessage[];

/**
 * Renders a reply in one language for one channel; a text longer than the channel allows is
 * split at line breaks. The buttons stay in the message either way, so a numbered answer on a
 * channel without buttons can be matched back to them.
 */
export function createRenderReply(translator: Translator): RenderReply {
  return (locale, r, channel) => {
    const traits = CHANNEL_TRAITS[channel] ?? CHANNEL_TRAITS.telegram!;
    const lines = r.document && !traits.files ? [...r.lines, { key: 'files.notOnThisChannel' }] : r.lines;
    const text = lines.map((line) => translator.render(locale, line)).join('\n').trim() || '…';
    const buttons = r.buttons?.map((row) => row.map((b) => ({ label: translator.render(locale, b.label), data: b.data })));
    let tail = '';
    if (!traits.buttons && buttons?.length) {
      const flat = buttons.flat();
      tail = `\n\n${flat.map((b, i) => `${i + 1}. ${b.label}`).join('\n')}\n${translator.render(locale, { key: 'zalo.numberHint' })}`;
    }
    const chunks = splitText(text, traits.maxText - [...tail].length);
    return chunks.map((chunk, i) => {
      const last = i === chunks.length - 1;
      return {
        text: last ? chunk + tail : chunk,
        ...(i === 0 && r.photos?.length ? { photos: r.photos } : {}),
        ...(i === 0 && r.document ? { document: r.document } : {}),
        ...(last && buttons?.length ? { buttons } : {}),
      };
    });
  };
}

export function splitText(text: string, max: number): string[] {
  if ([...text].length <= max) return [text];
  const chunks: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const pieces = [...line].length > max ? (line.match(new RegExp(`[\\s\\S]{1,${max}}`, 'gu')) ?? []) : [line];
    for (const piece of pieces) {
      const candidate = current ? `${current}\n${piece}` : piece;
      if ([...candidate].length > max) {
        if (current) chunks.push(current);
        current = piece;
      } else current = candidate;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
