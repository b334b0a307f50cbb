import type { z } from 'zod';
import type { TRole } from '../../domain/role.js';
import type { TurnContext } from '../../core/turn-context.js';
import type { TPromptInput } from '../../core/ask.js';
import type { TAnswer } from '../../core/input.js';
import type { TMsg, TReply } from '../../core/message.js';

/**
 * What a step does next. `S` is the flow's step names, so going on to a step the flow does not
 * have fails to compile; a helper that only ends the flow returns `Transition<D, never>`.
 */
export type Transition<D, S extends string = string> =
  /** Go on to step `next` with new data; `say` comes before the next prompt. */
  | { next: S; data: D; say?: TReply[] }
  /** The answer was understood but cannot be used; explain and ask the same step again. */
  | { retry: TMsg }
  /** The flow is over. */
  | { done: true; say?: TReply[]; showMenu?: boolean };

export interface StepDefinition<D, S extends string = string> {
  /**
   * The step gathers (photos, one at a time) and is asked again after each: the buttons of an
   * earlier asking stay valid while the choices are the same, since they mean the same thing.
   * Never for a step asked again about another item: an earlier button would answer for it.
   */
  gathers?: boolean;
  prompt(data: D, ctx: TurnContext): TPromptInput | Promise<TPromptInput>;
  answer(answer: TAnswer, data: D, ctx: TurnContext): Transition<D, S> | Promise<Transition<D, S>>;
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
  unit?(data: D, ctx: TurnContext): string | null | undefined | Promise<string | null | undefined>;
}

/**
 * A dialog as plain functions of (data, answer). Its data must survive JSON and is checked by
 * `data` when loaded, so a conversation resumes after a restart or on another instance.
 */
export interface FlowDefinition<D, S extends string = string> {
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
  /**
   * The campaign the dialog works in at every step, whatever the turn's (a dialog is answered
   * over several turns, each in the campaign the person works in then): the main one for the
   * citizens' reports, or the one its data recorded at the start, which a command may have
   * named. Each step's roles are those that hold there. Undefined: the turn's.
   */
  campaign?(data: NoInfer<D> | undefined, ctx: TurnContext): string | undefined;
  start(args: string, ctx: TurnContext): Transition<D, S> | Promise<Transition<D, S>>;
  /** The steps by name; a stored conversation keeps the name as plain text. */
  steps: Record<S, StepDefinition<D, S>>;
}

/**
 * The campaign of the dialogs of citizens' reports (FlowDefinition.campaign): citizens report to
 * the main campaign, under its categories; its officials triage them among its units.
 */
export const citizensCampaign = (_data: unknown, ctx: TurnContext): string => ctx.campaigns.main.id;

// The registry holds flows of different data types; each is only ever fed its own data, and
// a step name read back from storage is looked up, not trusted.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFlow = FlowDefinition<any, string>;

/**
 * The data type is taken from `data` and the step names from the keys of `steps` alone, so a
 * `next` naming a step the flow does not have is a compile error where it is written.
 */
export function defineFlow<D, S extends string>(
  flow: Omit<FlowDefinition<D, S>, 'start' | 'steps'> & {
    start(args: string, ctx: TurnContext): Transition<NoInfer<D>, NoInfer<S>> | Promise<Transition<NoInfer<D>, NoInfer<S>>>;
    steps: Record<S, StepDefinition<NoInfer<D>, NoInfer<S>>>;
  },
): FlowDefinition<D, S> {
  return flow;
}
