import type { CampaignDirectory } from '../core/campaigns.js';
import type { FastifyInstance } from 'fastify';
import type { BotCore } from '../bot/bot-core.js';
import type { Clock } from '../clock.js';
import type { TReply } from '../core/message.js';
import type { TConfig } from '../config.js';
import type { ChannelTraits } from '../core/channel-traits.js';
import type { TurnSettings } from '../core/turn-context.js';
import type { TChannel } from '../domain/channel.js';
import type { Logger } from '../logger.js';
import type { ChannelSender } from '../outbox/out-message.js';
import type { Db } from '../store/db.js';

/** A file a person sent on the platform, fetched for storing or showing. */
export interface DownloadedFile {
  data: Buffer;
  mimeType?: string;
}

/** Fetches a file a person sent on any channel, by the channel's name and its reference. */
export type DownloadChannelFile = (channel: string, fileRef: string) => Promise<DownloadedFile | null>;

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
  /** Stops receiving, once what it already received is handled. */
  stop(): Promise<void>;
  /**
   * Fetches a file a person sent, by the reference the channel put in their input; null, or
   * an error, when the platform no longer has it.
   */
  downloadFile?(fileRef: string): Promise<DownloadedFile | null>;
  /**
   * Secrets the channel gets while it runs (tokens it renews), so the logs scrub them too: the
   * listener gets the current ones now and again whenever they change.
   */
  watchSecrets?(listener: (secrets: readonly string[]) => void): void;
}

/** What the app gives every channel it builds. */
export interface ChannelDeps {
  config: TConfig;
  core: BotCore;
  db: Db;
  /** The campaigns this installation runs, for a channel that checks roles itself (the web chat's files). */
  campaigns: CampaignDirectory;
  /** Already named for the channel. */
  logger: Logger;
  /** The turns' settings: a channel may add how people reach it (the bot's username). */
  settings: TurnSettings;
  /** Files people sent on the other channels, for a channel that shows them (the web chat). */
  downloadChannelFile: DownloadChannelFile;
  clock: Clock;
  /** A file the bot made or kept (an export, an upload), by its id, to send it. */
  loadStoredFile(id: string): Promise<Buffer | null>;
  /**
   * Tells the admins, on their own channels, that something needs them (a platform's token
   * could not be renewed). Sent once per `dedupeKey`.
   */
  alertAdmins(message: TReply, dedupeKey: string): Promise<void>;
  /** Long-polling timeout in seconds; tests use a short one. */
  pollTimeoutSeconds?: number;
}

/** A platform in the channel list: what it can do, and how it is built from the config. */
export interface ChannelFactory {
  readonly name: TChannel;
  readonly traits: ChannelTraits;
  /** The channel, or undefined when the config does not turn it on. */
  create(deps: ChannelDeps): Channel | undefined;
}
