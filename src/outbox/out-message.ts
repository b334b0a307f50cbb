import { z } from 'zod';
import { ZDocumentRef, ZPhotoRef } from '../core/message.js';
import type { TChannel } from '../domain/channel.js';

/** A message rendered in the recipient's language, ready for any channel. */
export const ZOutMessage = z.object({
  text: z.string().min(1),
  buttons: z.array(z.array(z.object({ label: z.string().min(1), data: z.string().min(1).max(64) }))).optional(),
  /** Sent before the text, as an album where the platform has one. */
  photos: z.array(ZPhotoRef).max(10).optional(),
  document: ZDocumentRef.optional(),
});
export type TOutMessage = z.infer<typeof ZOutMessage>;

/** An outbox row as the dispatcher needs it; what queueing returns, so it can be sent at once. */
export interface OutboxRow {
  id: number;
  identityId: string;
  channel: string;
  chatId: string;
  kind: string;
  attempts: number;
  payloadJson: string;
  /** Parts of the message an earlier attempt delivered (see SendProgress). */
  partsSent?: number;
  /** Set when the row was inserted already claimed for immediate delivery (see OutboxClaim). */
  lockedBy?: string | null;
  lockedUntil?: Date | null;
  /** The message as rendered, when the row was queued by this process: no need to parse it back. */
  message?: TOutMessage;
}

/**
 * A claim taken when a row is inserted, for rows this instance sends right after the
 * transaction commits: it saves the claiming update, and a sweep leaves the rows alone until
 * the lease runs out, exactly as if they had been claimed after the commit.
 */
export interface OutboxClaim {
  lockedBy: string;
  lockedUntil: Date;
}

/** The claim for a new row of a channel, or none when this instance cannot send there. */
export type ClaimAtQueueing = (channel: string, now: Date) => OutboxClaim | undefined;

/**
 * Where a multi-part message (photos, a document, then its text) stands: a retry skips the
 * parts that went out before, so a failed text does not repeat its photos.
 */
export interface SendProgress {
  /** Parts already delivered: skip them. */
  done: number;
  /** Records that the first `parts` parts are delivered; throws if the message is no longer ours. */
  sent(parts: number): Promise<void>;
}

/** Sends the parts in order from where an earlier attempt stopped, recording each but the last. */
export async function sendParts(parts: (() => Promise<unknown>)[], progress?: SendProgress): Promise<void> {
  for (let i = progress?.done ?? 0; i < parts.length; i++) {
    await parts[i]!();
    if (i < parts.length - 1) await progress?.sent(i + 1);
  }
}

/** A message already sent that can be rewritten in place (a progress line). */
export interface StatusMessage {
  edit(text: string): Promise<void>;
}

/** What each channel adapter provides to deliver messages. */
export interface ChannelSender {
  readonly channel: TChannel;
  /** Sends one message; throws DeliveryError saying whether and when to try again. */
  send(chatId: string, message: TOutMessage, progress?: SendProgress): Promise<void>;
  /** Shows that the bot is busy preparing something for this chat, where the platform can. */
  showActivity?(chatId: string, activity: 'document' | 'photo'): Promise<void>;
  /**
   * Sends a plain status line that can be edited later, where the platform allows editing.
   * Not through the outbox: a lost progress line costs nothing, the result itself is queued.
   */
  sendStatus?(chatId: string, text: string): Promise<StatusMessage>;
}
