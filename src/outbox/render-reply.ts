import type { TraitsOf } from '../core/channel-traits.js';
import type { TLocale } from '../domain/locale.js';
import type { TReply } from '../core/message.js';
import type { Translator } from '../i18n/create-translator.js';
import type { TOutMessage } from './out-message.js';

export type RenderReply = (locale: TLocale, reply: TReply, channel: string) => TOutMessage[];

/**
 * Renders a reply in one language for one channel; a text longer than the channel allows is
 * split at line breaks. The buttons stay in the last message either way, so a numbered answer
 * on a channel without buttons can be matched back to them.
 */
export function createRenderReply(translator: Translator, traitsOf: TraitsOf): RenderReply {
  return (locale, r, channel) => {
    const traits = traitsOf(channel);
    const lines = r.document && !traits.sendsFiles ? [...r.lines, { key: 'files.notOnThisChannel' }] : r.lines;
    const text = lines.map((line) => translator.render(locale, line)).join('\n').trim() || '…';
    const buttons = r.buttons?.map((row) => row.map((b) => ({ label: translator.render(locale, b.label), data: b.data })));
    let tail = '';
    if (traits.choices === 'numbered' && buttons?.length) {
      const flat = buttons.flat();
      tail = `\n\n${flat.map((b, i) => `${i + 1}. ${b.label}`).join('\n')}\n${translator.render(locale, { key: 'zalo.numberHint' })}`;
    }
    const chunks = splitWithTail(text, tail, traits.maxText);
    return chunks.map((chunk, i) => {
      const last = i === chunks.length - 1;
      return {
        text: chunk,
        ...(i === 0 && r.photos?.length ? { photos: r.photos } : {}),
        ...(i === 0 && r.document ? { document: r.document } : {}),
        ...(last && buttons?.length ? { buttons } : {}),
      };
    });
  };
}

/**
 * A numbered list is kept whole at the end of the last message while it leaves at least half
 * of it for the text. A longer list (a province's communes) would leave the text too little
 * room, or none: then text and list are split together at line breaks, so the list runs over
 * several messages with every line and number intact.
 */
function splitWithTail(text: string, tail: string, max: number): string[] {
  const tailLength = [...tail].length;
  if (tailLength * 2 > max) return splitText(text + tail, max);
  const chunks = splitText(text, max - tailLength);
  chunks[chunks.length - 1] += tail;
  return chunks;
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
