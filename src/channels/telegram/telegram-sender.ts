import type { Telegram } from 'telegraf';
import type { ChannelSender, StatusMessage, TOutMessage } from '../../outbox/out-message.js';
import { classifyTelegramError } from './classify-telegram-error.js';

/** Bytes of a file the bot keeps itself (photos sent through the web chat). */
export type LoadStoredFile = (id: string) => Promise<Buffer | null>;

/**
 * Plain text (no parse mode), so nothing a person typed can break the markup. Every call has a
 * deadline: the client is given one by limitCallTime.
 */
export class TelegramSender implements ChannelSender {
  readonly channel = 'telegram' as const;

  constructor(
    private readonly telegram: Telegram,
    private readonly loadStoredFile: LoadStoredFile = async () => null,
  ) {}

  async send(chatId: string, message: TOutMessage): Promise<void> {
    const extra = message.buttons?.length
      ? {
          reply_markup: {
            inline_keyboard: message.buttons.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))),
          },
        }
      : {};
    try {
      for (const photo of message.photos ?? []) {
        if (photo.channel === 'telegram') {
          await this.telegram.sendPhoto(chatId, photo.fileRef);
        } else {
          const bytes = await this.loadStoredFile(photo.fileRef);
          if (bytes) await this.telegram.sendPhoto(chatId, { source: bytes, filename: 'photo.jpg' });
        }
      }
      if (message.document) {
        const bytes = await this.loadStoredFile(message.document.storedFileId);
        if (bytes) await this.telegram.sendDocument(chatId, { source: bytes, filename: message.document.fileName });
      }
      await this.telegram.sendMessage(chatId, message.text, extra);
    } catch (error) {
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
