import type { ZodType } from 'zod';
import type { Clock } from '../clock.js';
import type { TLocale } from '../domain/locale.js';
import type { CampaignDirectory, TCampaignView } from './campaigns.js';
import type { ChannelTraits } from './channel-traits.js';
import type { Tx } from '../store/db.js';
import type { TReply } from './message.js';
import type { TIdentityView, TPersonView } from './person-view.js';

/**
 * A named database operation: one file, an options object, the caller's transaction. Flows
 * and commands reach the database only through `TurnContext.run`, never through a model, so
 * what a dialog reads and writes is listed by the operations it names, and a test can give a
 * flow fake operations instead of a database.
 */
export type Operation<O, R> = (tx: Tx, options: O) => Promise<R>;

/**
 * A job as a turn names it: its kind and the schema of its arguments. A job's definition is
 * one, so a command queues the job itself and its arguments are typed by it.
 */
export interface JobRef<A> {
  kind: string;
  args: ZodType<A>;
}

/**
 * `alreadyRunning`: the same request from the same person is still waiting or running;
 * `invalid`: the arguments fail the job's schema, so nothing was queued.
 */
export type TQueueJobResult = 'queued' | 'alreadyRunning' | 'invalid';

export interface TurnSettings {
  inviteTtlDays: number;
  /** How many waste reports one person may file in an hour. */
  wasteReportsPerHour: number;
  /**
   * `board`: a unit's "done" waits for an official to confirm it (or send it back) before the
   * reporter hears "resolved"; `unit`: the unit closes the report itself, the board is told.
   */
  unitResultReview: 'board' | 'unit';
  /** How a person reaches the bot, to turn invite codes into links. */
  telegramBotUsername?: string;
  webChatUrl?: string;
}

/** What a step or a command may use during one turn. */
export interface TurnContext {
  /** Runs a named operation in the turn's transaction. */
  run<O, R>(operation: Operation<O, R>, options: O): Promise<R>;
  clock: Clock;
  person: TPersonView;
  identity: TIdentityView;
  /** What the person's platform can do (send a location, show buttons…), never its name. */
  traits: ChannelTraits;
  /**
   * The campaign the turn works in: the person's (see turnCampaign), or the one a command
   * named. `person.roles` are the roles that hold in it.
   */
  campaignId: string;
  /** Every campaign of the installation, to name one in a command or list them. */
  campaigns: CampaignDirectory;
  settings: TurnSettings;
  /** See InboundUpdate.sourceKey. */
  sourceKey?: string;
  /** Reloads roles and units after they changed in this turn (an invite was redeemed). */
  refreshPerson(): Promise<void>;
  /** Changes the person's language for the rest of the turn (and after). */
  setLocale(locale: TLocale): Promise<void>;
  /**
   * Queues a message to another person (or this one, later) through the outbox, in their
   * language, on each channel they use. The same `dedupeKey` is only ever queued once.
   */
  notify(personId: string, message: TReply, dedupeKey: string): Promise<void>;
  /**
   * Queues slow work (an export, charts) to run after the turn, outside its transaction; the
   * result reaches this chat when done. The arguments are checked against the job's schema
   * here, so a request the job would refuse is answered in this turn, not after its retries.
   */
  queueJob<A>(job: JobRef<A>, args: A): Promise<TQueueJobResult>;
  /** The same turn working in another campaign, with the person's roles there. */
  inCampaign(campaign: TCampaignView): TurnContext;
}
