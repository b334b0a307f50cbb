import type { Telegram } from 'telegraf';
import { LeaseLostError } from '../../errors.js';
import { sendParts, type ChannelSender, type SendProgress, type StatusMessage, type TOutMessage } from '../../outbox/out-message.js';
import { classifyTelegramError } from './classify-telegram-error.js';

/** Bytes of a file the bot keeps itself (photos sent through the web chat). */
export type LoadStoredFile = (id: string) => Promise<Buffer | null>;

/**
 * Plain text (no parse mode), so nothing a person typed can break the markup. Every call has a
 * deadline: the client is given one by limitCallTime.
 */
export class TelegramSender implements ChannelSender {
  readonly channel = 'telegram' as const;
  /** Telegram shows a chat action for about five seconds; it is renewed a little sooner. */
  readonly activityRenewMs = 4_000;

  constructor(
    private readonly telegram: Telegram,
    private readonly loadStoredFile: LoadStoredFile = async () => null,
  ) {}

  async send(chatId: string, message: TOutMessage, progress?: SendProgress): Promise<void> {
    const extra = message.buttons?.length
      ? {
          reply_markup: {
            inline_keyboard: message.buttons.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))),
          },
        }
      : {};
    const parts: (() => Promise<unknown>)[] = [];
    for (const photo of message.photos ?? []) {
      parts.push(async () => {
        if (photo.channel === 'telegram') return this.telegram.sendPhoto(chatId, photo.fileRef);
        const bytes = await this.loadStoredFile(photo.fileRef);
        return bytes ? this.telegram.sendPhoto(chatId, { source: bytes, filename: 'photo.jpg' }) : undefined;
      });
    }
    const { document } = message;
    if (document) {
      parts.push(async () => {
        const bytes = await this.loadStoredFile(document.storedFileId);
        return bytes ? this.telegram.sendDocument(chatId, { source: bytes, filename: document.fileName }) : undefined;
      });
    }
    parts.push(() => this.telegram.sendMessage(chatId, message.text, extra));
    try {
      await sendParts(parts, progress);
    } catch (error) {
      if (error instanceof LeaseLostError) throw error;
      throw classifyTelegramError(error);
    }
  }

  async showActivity(chatId: string, activity: 'document' | 'photo'): Promise<void> {
    await this.telegram.sendChatAction(chatId, activity === 'photo' ? 'upload_photo' : 'upload_document');
  }

  async sendStatus(chatId: string, text: string): Promise<StatusMessage> {
    const sent = await this.telegram.sendMessage(chatId, text);
    return {
      edit: async (next) => {
        await this.telegram.editMessageText(chatId, sent.message_id, undefined, next);
      },
    };
  }
}
