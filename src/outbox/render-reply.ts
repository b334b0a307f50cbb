import type { TLocale } from '../domain/locale.js';
import type { TReply } from '../flows/engine/message.js';
import type { Translator } from '../i18n/create-translator.js';
import type { TOutMessage } from './out-message.js';

const MAX_TEXT = 4000;

export type RenderReply = (locale: TLocale, reply: TReply) => TOutMessage[];

/** Renders a reply in one language; a text longer than a chat message allows is split at line breaks. */
export function createRenderReply(translator: Translator): RenderReply {
  return (locale, r) => {
    const text = r.lines.map((line) => translator.render(locale, line)).join('\n').trim() || '…';
    const buttons = r.buttons?.map((row) => row.map((b) => ({ label: translator.render(locale, b.label), data: b.data })));
    const chunks = splitText(text, MAX_TEXT);
    return chunks.map((chunk, i) => ({
      text: chunk,
      ...(i === 0 && r.photos?.length ? { photos: r.photos } : {}),
      ...(i === chunks.length - 1 && buttons?.length ? { buttons } : {}),
    }));
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
