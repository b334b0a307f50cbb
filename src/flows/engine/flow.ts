import type { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { TLocale } from '../../domain/locale.js';
import type { TRole } from '../../domain/role.js';
import type { Tx } from '../../store/db.js';
import type { TPromptInput } from './ask.js';
import type { TAnswer } from './input.js';
import type { TMsg, TReply } from './message.js';

/** Who is talking, as flows see them: plain data, never an ORM object. */
export interface TPersonView {
  id: string;
  displayName: string;
  locale: TLocale;
  roles: TRole[];
  /** Units the person is an active contact of. */
  unitIds: string[];
}

export interface TIdentityView {
  id: string;
  channel: 'telegram' | 'zalo' | 'web';
  chatId: string;
}

/** What a step may use. Everything it writes goes through `tx`, the turn's transaction. */
export interface FlowContext {
  tx: Tx;
  clock: Clock;
  person: TPersonView;
  identity: TIdentityView;
  campaignId: string;
  settings: FlowSettings;
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
   * result reaches this chat when done. False when the same request is already under way.
   */
  startJob(kind: string, args: unknown): Promise<boolean>;
}

export interface FlowSettings {
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

export type Transition<D> =
  /** Go on to `step` with new data; `say` comes before the next prompt. */
  | { next: string; data: D; say?: TReply[] }
  /** The answer was understood but cannot be used; explain and ask the same step again. */
  | { retry: TMsg }
  /** The flow is over. */
  | { done: true; say?: TReply[]; showMenu?: boolean };

export interface StepDefinition<D> {
  prompt(data: D, ctx: FlowContext): TPromptInput | Promise<TPromptInput>;
  answer(answer: TAnswer, data: D, ctx: FlowContext): Transition<D> | Promise<Transition<D>>;
}

/**
 * Whom a dialog acts for. A role can be revoked while a dialog is open (for days: dialogs are
 * stored), so the engine checks this against the person's roles as loaded for the turn before
 * every step, not only when the dialog starts.
 */
export interface ActsFor<D> {
  /** `citizen` for dialogs anyone may go through. */
  role: TRole;
  /**
   * The unit the dialog acts for, once its data names one: the person must still be a contact
   * of it. Undefined while no unit is chosen yet; null when the unit can no longer be found,
   * which ends the dialog like a lost role.
   */
  unit?(data: D, ctx: FlowContext): string | null | undefined | Promise<string | null | undefined>;
}

/**
 * A dialog as plain functions of (data, answer). Its data must survive JSON and is checked by
 * `data` when loaded, so a conversation resumes after a restart or on another instance.
 */
export interface FlowDefinition<D> {
  id: string;
  data: z.ZodType<D>;
  /** Required, like a command's `allow`: every dialog states whom it acts for. */
  actsFor: ActsFor<D>;
  /**
   * What the person keeps when they leave the dialog half-way (a command, /start CODE, /huy):
   * the key of a message that says so plainly, e.g. "your answered sections are saved" or "the
   * draft was not sent". Without it they read that nothing was changed.
   */
  leftKey?: string;
  start(args: string, ctx: FlowContext): Transition<D> | Promise<Transition<D>>;
  steps: Record<string, StepDefinition<D>>;
}

// The registry holds flows of different data types; each is only ever fed its own data.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFlow = FlowDefinition<any>;

export function defineFlow<D>(flow: FlowDefinition<D>): FlowDefinition<D> {
  return flow;
}
