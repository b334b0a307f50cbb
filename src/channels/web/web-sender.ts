import type { ChannelSender } from '../../outbox/out-message.js';
import type { WebChatNotifier } from './web-chat-notifier.js';

/**
 * The page reads web chat messages from the outbox. Sending one is therefore marking it
 * available, and waking the visitor's open pages (their event streams) to fetch it.
 */
export class WebSender implements ChannelSender {
  readonly channel = 'web' as const;
  constructor(private readonly notifier?: WebChatNotifier) {}
  async send(chatId: string): Promise<void> {
    this.notifier?.notify(chatId);
  }
}
