import type { FastifyInstance } from 'fastify';
import type { TChannel } from '../domain/channel.js';
import type { ChannelSender } from '../outbox/out-message.js';

/**
 * What a platform can do, declared by its channel. The renderer and the outbox read these and
 * never a platform's name, so a new platform is a new folder and one line in the channel list.
 */
export interface ChannelTraits {
  /** The longest text one message may hold, in characters. */
  maxText: number;
  /** `buttons`: choices are tappable; `numbered`: a numbered list the person answers by number. */
  choices: 'buttons' | 'numbered';
  /** The bot can send a file (an export) as a document. */
  sendsFiles: boolean;
  /** A person can send their location (for a waste report's place). */
  receivesLocations: boolean;
  /** The least time between two proactive messages of this bot on the platform, in ms. */
  sendGapMs: number;
  /**
   * What a permanent refusal to deliver means for the person's identity: `blocked` (they
   * blocked the bot; they come back by writing again) or `unreachable` (the platform will not
   * carry messages to them until something changes).
   */
  refusal: 'blocked' | 'unreachable';
}

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
