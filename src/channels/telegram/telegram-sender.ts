import type { Telegram } from 'telegraf';
import type { ChannelSender, TOutMessage } from '../../outbox/out-message.js';
import { classifyTelegramError } from './classify-telegram-error.js';

/** Plain text (no parse mode), so nothing a person typed can break the markup. */
export class TelegramSender implements ChannelSender {
  readonly channel = 'telegram' as const;

  constructor(private readonly telegram: Telegram) {}

  async send(chatId: string, message: TOutMessage): Promise<void> {
    const extra = message.buttons?.length
      ? {
          reply_markup: {
            inline_keyboard: message.buttons.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))),
          },
        }
      : {};
    try {
      await this.telegram.sendMessage(chatId, message.text, extra);
    } catch (error) {
      throw classifyTelegramError(error);
    }
  }
}
