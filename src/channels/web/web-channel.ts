import { uploadQuotaOf } from '../../files/check-upload-quota.js';
import type { FastifyInstance } from 'fastify';
import type { Channel, ChannelFactory } from '../channel.js';
import { WebChatNotifier } from './web-chat-notifier.js';
import { registerWebChatRoutes, type WebChatOptions } from './web-chat-routes.js';
import { WebSender } from './web-sender.js';
import { WEB_TRAITS } from './web-traits.js';

/**
 * The built-in web chat: its page and endpoints are its inbound side, and it is always on.
 * Its sender wakes the visitor's open pages, through the notifier the routes listen to.
 */
export class WebChannel implements Channel {
  readonly name = 'web' as const;
  readonly traits = WEB_TRAITS;
  readonly status = 'on';
  readonly sender: WebSender;
  private readonly notifier = new WebChatNotifier();

  constructor(private readonly options: Omit<WebChatOptions, 'notifier'>) {
    this.sender = new WebSender(this.notifier);
  }

  registerRoutes(http: FastifyInstance): void {
    registerWebChatRoutes(http, { ...this.options, notifier: this.notifier });
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}
}

export const webChannel: ChannelFactory = {
  name: 'web',
  traits: WEB_TRAITS,
  create: ({ config, core, db, campaigns, clock, downloadChannelFile }) =>
    new WebChannel({
      core,
      db,
      campaigns,
      clock,
      defaultLocale: config.DEFAULT_LOCALE,
      downloadChannelFile,
      uploads: {
        ...uploadQuotaOf(config),
        concurrent: config.WEB_UPLOADS_AT_ONCE,
        graceMs: config.WEB_UPLOAD_GRACE_MINUTES * 60_000,
      },
      limits: {
        requestsPerMinute: config.WEB_REQUESTS_PER_MINUTE,
        messagesPerMinute: config.WEB_MESSAGES_PER_MINUTE,
        newVisitorsPerHour: config.WEB_NEW_VISITORS_PER_HOUR,
      },
    }),
};
