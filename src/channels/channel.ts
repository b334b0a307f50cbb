import type { FastifyInstance } from 'fastify';
import type { ChannelTraits } from '../core/channel-traits.js';
import type { TChannel } from '../domain/channel.js';
import type { ChannelSender } from '../outbox/out-message.js';

/** A file a person sent on the platform, fetched for storing or showing. */
export interface DownloadedFile {
  data: Buffer;
  mimeType?: string;
}

/**
 * One platform, inbound and outbound, behind one interface: the app starts the configured
 * channels, mounts their routes and hands their senders to the outbox, in a loop.
 */
export interface Channel {
  readonly name: TChannel;
  readonly traits: ChannelTraits;
  readonly sender: ChannelSender;
  /** For /healthz and the start-up line: `polling`, `webhook`, `on`, `error`… */
  readonly status: string;
  /** Mounts the channel's webhook (or other HTTP) routes, before the server listens. */
  registerRoutes?(http: FastifyInstance): void | Promise<void>;
  /** Starts receiving (polling, or registering the webhook) once the server listens. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Fetches a file a person sent, by the reference the channel put in their input. */
  downloadFile?(fileRef: string): Promise<DownloadedFile | null>;
}
