import { formatDateTime } from '../domain/format-date.js';
import { msg, reply } from '../flows/engine/message.js';
import { createLinkCode, linkIdentities, LINK_TTL_MINUTES } from '../people/link-identities.js';
import { defineCommand } from './command.js';

/** /lienket shows a code; /lienket CODE on another app joins the two accounts. */
export const linkCommand = defineCommand({
  names: ['lienket', 'link'],
  allow: 'everyone',
  descriptionKey: 'commands.link',
  keepsFlow: true,
  run: async (args, ctx) => {
    const now = ctx.clock.now();
    if (!args) {
      const { code, expiresAt } = await createLinkCode(ctx.tx, ctx.person.id, now);
      return { replies: [reply(msg('link.code', { code, minutes: LINK_TTL_MINUTES, time: formatDateTime(expiresAt) }))] };
    }
    const result = await linkIdentities(ctx.tx, args, ctx.person.id, now);
    if (!result.ok) return { replies: [reply(msg(`link.error.${result.reason}`))] };
    await ctx.notify(result.targetPersonId, { lines: [msg('link.linkedNotice', { channel: ctx.identity.channel })] }, `link:${ctx.identity.id}:${now.getTime()}`);
    return { replies: [reply(msg('link.linked'))] };
  },
});
