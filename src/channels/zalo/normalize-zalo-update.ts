import { createHash } from 'node:crypto';
import type { InboundUpdate } from '../../bot/inbound-update.js';
import { parseCommand, type TInput } from '../../core/input.js';

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined);
const str = (...values: unknown[]): string | undefined => {
  for (const v of values) if ((typeof v === 'string' && v) || typeof v === 'number') return String(v);
  return undefined;
};

/** Webhook bodies come as `{ok, result}` or bare, with one update or a list of them. */
export function unwrapZaloUpdates(body: unknown): unknown[] {
  const outer = obj(body);
  const inner = outer && 'result' in outer && !('event_name' in outer) ? outer.result : body;
  if (Array.isArray(inner)) return inner;
  return inner ? [inner] : [];
}

/**
 * A Zalo update in the bot's terms. Field names differ between Zalo's documents and what it
 * sends (display_name or name, photo or photo_url…), so every field is looked up defensively;
 * anything unrecognisable is ignored rather than trusted.
 */
export function normalizeZaloUpdate(raw: unknown): InboundUpdate | null {
  const update = obj(raw);
  const message = obj(update?.message);
  if (!update || !message) return null;
  const from = obj(message.from) ?? obj(message.sender);
  const chat = obj(message.chat);
  const fromId = str(from?.id, from?.user_id);
  const chatId = str(chat?.id, fromId);
  if (!fromId || !chatId) return null;
  const chatType = str(chat?.chat_type, chat?.type)?.toUpperCase();
  if (chatType && chatType !== 'PRIVATE') return null;
  const messageId = str(message.message_id, message.msg_id, message.id);
  const event = str(update.event_name) ?? '';
  const text = str(message.text);
  const photo = str(message.photo, message.photo_url, message.image, obj(obj((message.attachments as unknown[] | undefined)?.[0])?.payload)?.url);

  let input: TInput;
  if (event.includes('image') || (photo && !text)) {
    if (!photo) return null;
    // A Zalo photo is a link to Zalo's own image server; the channel fetches and keeps it
    // (keepRemotePhoto), from Zalo's hosts over https only. Anything but a link is no photo.
    input = /^https?:\/\/[^\s]+$/.test(photo)
      ? { kind: 'photo', fileRef: photo, mimeType: 'image/jpeg', ...(str(message.caption) ? { caption: str(message.caption)! } : {}) }
      : { kind: 'unsupported', what: 'photo' };
  } else if (text !== undefined) {
    const command = parseCommand(text);
    input = command ? { kind: 'command', ...command } : { kind: 'text', text };
  } else {
    input = { kind: 'unsupported', what: event || 'unknown' };
  }
  return {
    channel: 'zalo',
    // Zalo's updates carry no update id; the message id is what a re-delivery repeats.
    updateId: messageId ?? `${fromId}:${str(message.date) ?? ''}:${text ?? photo ?? ''}`,
    from: { externalId: fromId, chatId, displayName: (str(from?.display_name, from?.name) ?? fromId).slice(0, 120) },
    input,
  };
}

/** The id a failure of this update is counted under, even when the update cannot be read. */
export function zaloUpdateId(raw: unknown): string {
  try {
    const update = normalizeZaloUpdate(raw);
    if (update) return update.updateId.slice(0, 200);
  } catch {
    // unreadable: fall back to its content
  }
  return `raw:${createHash('sha256').update(JSON.stringify(raw) ?? '').digest('hex').slice(0, 32)}`;
}
