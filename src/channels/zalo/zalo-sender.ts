import { sendParts, type ChannelSender, type SendProgress, type TOutMessage } from '../../outbox/out-message.js';
import type { ZaloApi } from './zalo-api.js';

/**
 * Sends through Zalo. The text already carries its choices as a numbered list. Photos go by
 * URL, which only Zalo's own photos have; others are left to the text's photo count.
 */
export class ZaloSender implements ChannelSender {
  readonly channel = 'zalo' as const;
  /** Zalo does not say how long its typing sign lasts: it is renewed as often as Telegram's. */
  readonly activityRenewMs = 4_000;

  constructor(private readonly api: ZaloApi) {}

  async send(chatId: string, message: TOutMessage, progress?: SendProgress): Promise<void> {
    const photos = (message.photos ?? []).filter((photo) => photo.channel === 'zalo' && /^https?:\/\//.test(photo.fileRef));
    await sendParts(
      [
        ...photos.map((photo) => () => this.api.call('sendPhoto', { chat_id: chatId, photo: photo.fileRef })),
        () => this.api.call('sendMessage', { chat_id: chatId, text: message.text }),
      ],
      progress,
    );
  }

  /** Zalo has no "sending a file" action and no editing: the typing indicator is what it offers. */
  async showActivity(chatId: string): Promise<void> {
    await this.api.call('sendChatAction', { chat_id: chatId, action: 'typing' });
  }
}
