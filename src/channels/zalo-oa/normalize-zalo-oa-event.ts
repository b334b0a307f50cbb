import { z } from 'zod';
import type { InboundUpdate } from '../../bot/inbound-update.js';
import { parseCommand, type TInput } from '../../core/input.js';
import { isAllowedPhotoUrl } from '../../files/fetch-remote-photo.js';

/**
 * The webhook events of a Zalo Official Account (developers.zalo.me, Official Account →
 * Webhook → "Sự kiện"), as far as the bot uses them. Every event has `app_id`, `event_name` and
 * `timestamp` (milliseconds, a string); a message event has `sender.id` (the user's id for this
 * OA), `recipient.id` (the OA) and `message.msg_id`; follow/unfollow have `follower.id`.
 *
 *   user_send_text      message.text
 *   user_send_image     message.attachments[0] = { type: 'image', payload: { url, thumbnail } }
 *   user_send_location  message.attachments[0] = { type: 'location', payload: { coordinates: { latitude, longitude } } }
 *   user_send_file      message.attachments[0] = { type: 'file', payload: { url, name, size, type } }
 */
const ZId = z.union([z.string().min(1).max(64), z.number()]).transform(String);
const ZAttachment = z.object({ type: z.string(), payload: z.record(z.string(), z.unknown()).optional() }).loose();
export const ZZaloOaEvent = z
  .object({
    app_id: ZId.optional(),
    event_name: z.string().max(64),
    timestamp: ZId,
    sender: z.object({ id: ZId }).loose().optional(),
    follower: z.object({ id: ZId }).loose().optional(),
    message: z
      .object({
        msg_id: ZId.optional(),
        text: z.string().max(10_000).optional(),
        attachments: z.array(ZAttachment).max(20).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();
export type TZaloOaEvent = z.infer<typeof ZZaloOaEvent>;

export type TZaloOaEventAction =
  | { kind: 'update'; update: InboundUpdate }
  | { kind: 'unfollow'; userId: string }
  | { kind: 'ignore' };

export interface NormalizeZaloOaEventOptions {
  /** Hosts a photo or file link must point to. */
  fileHosts: readonly string[];
  /** Tests serve their photos over plain http. */
  allowHttp?: boolean;
}

const coordinate = z.coerce.number().finite();

/** An event in the bot's terms: a person's input, an unfollow, or nothing the bot acts on. */
export function normalizeZaloOaEvent(event: TZaloOaEvent, options: NormalizeZaloOaEventOptions): TZaloOaEventAction {
  const name = event.event_name;
  if (name === 'unfollow') return event.follower ? { kind: 'unfollow', userId: event.follower.id } : { kind: 'ignore' };
  if (name === 'follow') {
    if (!event.follower) return { kind: 'ignore' };
    // Following the OA is how a citizen arrives: it opens the bot as /start does.
    return { kind: 'update', update: updateOf(event.follower.id, `follow:${event.follower.id}:${event.timestamp}`, { kind: 'command', name: 'start', args: '' }) };
  }
  if (!name.startsWith('user_send_') || !event.sender || !event.message) return { kind: 'ignore' };
  const { message } = event;
  // Zalo repeats an event's msg_id when it delivers it again.
  const updateId = message.msg_id ?? `${name}:${event.sender.id}:${event.timestamp}`;
  const attachment = message.attachments?.[0];
  const payload = attachment?.payload ?? {};
  const link = typeof payload.url === 'string' ? payload.url : undefined;
  let input: TInput;
  switch (name) {
    case 'user_send_text': {
      const text = message.text ?? '';
      const command = parseCommand(text);
      input = command ? { kind: 'command', ...command } : { kind: 'text', text };
      break;
    }
    case 'user_send_image':
      // The photo stays on Zalo's servers; the bot keeps its link, and only a link to Zalo's own
      // hosts. The type declared here is replaced by the one its bytes show (the channel's
      // recognise, through fetchRemotePhoto).
      input =
        link && isAllowedPhotoUrl(link, options.fileHosts, options.allowHttp)
          ? { kind: 'photo', fileRef: link, mimeType: 'image/jpeg', ...(message.text ? { caption: message.text.slice(0, 1000) } : {}) }
          : { kind: 'unsupported', what: 'photo' };
      break;
    case 'user_send_location': {
      const coordinates = z.object({ latitude: coordinate, longitude: coordinate }).safeParse(payload.coordinates);
      const valid = coordinates.success && Math.abs(coordinates.data.latitude) <= 90 && Math.abs(coordinates.data.longitude) <= 180;
      input = valid ? { kind: 'location', latitude: coordinates.data.latitude, longitude: coordinates.data.longitude } : { kind: 'unsupported', what: 'location' };
      break;
    }
    case 'user_send_file': {
      const size = z.coerce.number().int().nonnegative().safeParse(payload.size);
      input =
        link && isAllowedPhotoUrl(link, options.fileHosts, options.allowHttp)
          ? {
              kind: 'document',
              fileRef: link,
              ...(typeof payload.name === 'string' ? { fileName: payload.name.slice(0, 200) } : {}),
              ...(size.success ? { sizeBytes: size.data } : {}),
            }
          : { kind: 'unsupported', what: 'file' };
      break;
    }
    default:
      input = { kind: 'unsupported', what: name.slice('user_send_'.length) || 'unknown' };
  }
  return { kind: 'update', update: updateOf(event.sender.id, updateId, input) };
}

function updateOf(userId: string, updateId: string, input: TInput): InboundUpdate {
  return {
    channel: 'zalo_oa',
    updateId: updateId.slice(0, 200),
    // The user id is per OA, and the chat with the OA is the user's own.
    from: { externalId: userId, chatId: userId, displayName: placeholderName(userId) },
    input,
  };
}

/** The name used until the OA's profile API gives the person's own. */
export function placeholderName(userId: string): string {
  return `Zalo ${userId.slice(-6)}`;
}
