import type { TurnContext } from '../core/turn-context.js';
import type { TReply } from '../core/message.js';
import { listOfficials } from './list-officials.js';

/**
 * Tells every official (admins are officials too) through the outbox. One message per person
 * however many roles they hold; `dedupeKey` names the event, the person is added to it.
 */
export async function notifyOfficials(ctx: Pick<TurnContext, 'run' | 'notify'>, message: TReply, dedupeKey: string): Promise<void> {
  for (const personId of await ctx.run(listOfficials, {})) await ctx.notify(personId, message, `${dedupeKey}:${personId}`);
}
