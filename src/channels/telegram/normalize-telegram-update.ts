import type { Update } from 'telegraf/types';
import type { InboundUpdate } from '../../bot/inbound-update.js';
import { parseCommand, type TInput } from '../../core/input.js';

type TgUser = { id: number; first_name: string; last_name?: string; username?: string };

function user(from: TgUser, chatId: number) {
  return {
    externalId: String(from.id),
    chatId: String(chatId),
    displayName: [from.first_name, from.last_name].filter(Boolean).join(' ').slice(0, 120) || String(from.id),
    ...(from.username ? { username: from.username } : {}),
  };
}

/**
 * Telegram's update in the bot's own terms. Only private chats are served: group chats
 * would mix several people's conversations and expose citizens' reports.
 */
export function normalizeTelegramUpdate(update: Update): InboundUpdate | null {
  const updateId = String(update.update_id);
  if ('callback_query' in update) {
    const q = update.callback_query;
    const chatId = q.message?.chat.id ?? q.from.id;
    if (q.message && q.message.chat.type !== 'private') return null;
    const data = 'data' in q ? q.data : undefined;
    if (!data) return null;
    return { channel: 'telegram', updateId, from: user(q.from, chatId), input: { kind: 'button', data } };
  }
  if (!('message' in update)) return null;
  const m = update.message;
  if (m.chat.type !== 'private' || !m.from) return null;
  let input: TInput;
  if ('text' in m) {
    const command = parseCommand(m.text);
    input = command ? { kind: 'command', ...command } : { kind: 'text', text: m.text };
  } else if ('photo' in m && Array.isArray(m.photo) && m.photo.length) {
    // The largest size comes last; a photo with no sizes at all is not a photo.
    const largest = m.photo[m.photo.length - 1]!;
    input = {
      kind: 'photo',
      fileRef: largest.file_id,
      mimeType: 'image/jpeg',
      ...(largest.file_size !== undefined ? { sizeBytes: largest.file_size } : {}),
      ...(m.caption ? { caption: m.caption } : {}),
    };
  } else if ('document' in m) {
    input = {
      kind: 'document',
      fileRef: m.document.file_id,
      ...(m.document.mime_type ? { mimeType: m.document.mime_type } : {}),
      ...(m.document.file_name ? { fileName: m.document.file_name } : {}),
      ...(m.document.file_size !== undefined ? { sizeBytes: m.document.file_size } : {}),
    };
  } else if ('location' in m) {
    input = { kind: 'location', latitude: m.location.latitude, longitude: m.location.longitude };
  } else {
    input = { kind: 'unsupported', what: Object.keys(m).find((k) => !['message_id', 'from', 'chat', 'date'].includes(k)) ?? 'unknown' };
  }
  return { channel: 'telegram', updateId, from: user(m.from, m.chat.id), input };
}
