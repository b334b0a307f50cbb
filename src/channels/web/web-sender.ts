import type { ChannelSender } from '../../outbox/out-message.js';

/**
 * Web chat messages are not pushed: the page reads them from the outbox. Sending one is
 * therefore just marking it available.
 */
export class WebSender implements ChannelSender {
  readonly channel = 'web' as const;
  async send(): Promise<void> {}
}
