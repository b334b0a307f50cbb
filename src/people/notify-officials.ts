import type { TurnContext } from '../core/turn-context.js';
import type { TReply } from '../core/message.js';
import { listOfficials } from './list-officials.js';

/**
 * Tells every official whose role holds in `campaignId` (admins are officials too) through the
 * outbox: an official of another movement is not told of this one's reports. One message per
 * person however many roles they hold; `dedupeKey` names the event, the person is added to it.
 */
export async function notifyOfficials(ctx: Pick<TurnContext, 'run' | 'notify' | 'campaigns'>, campaignId: string, message: TReply, dedupeKey: string): Promise<void> {
  const lineage = ctx.campaigns.byId(campaignId)?.lineage ?? [campaignId];
  for (const personId of await ctx.run(listOfficials, { lineage })) await ctx.notify(personId, message, `${dedupeKey}:${personId}`);
}
