import { recordAudit } from '../audit/record-audit.js';
import { formatDateTime } from '../domain/format-date.js';
import { msg, reply } from '../core/message.js';
import { completeLink, createLinkCode, findLinkCode, LINK_TTL_MINUTES, refuseLink } from '../people/link-identities.js';
import { defineCommand } from './command.js';

/**
 * /lienket shows a code; /lienket CODE on another app asks that side to confirm what linking
 * shares (the link flow); the side that showed the code then confirms with the buttons that
 * send `/lienket ok <id>` or `/lienket no <id>`.
 */
export const linkCommand = defineCommand({
  names: ['lienket', 'link'],
  allow: 'everyone',
  descriptionKey: 'commands.link',
  keepsFlow: true,
  run: async (args, ctx) => {
    const now = ctx.clock.now();
    const [first = '', second = ''] = args.trim().split(/\s+/);
    if (!first) {
      const { code, expiresAt } = await ctx.run(createLinkCode, { personId: ctx.person.id, now });
      return { replies: [reply(msg('link.code', { code, minutes: LINK_TTL_MINUTES, time: formatDateTime(expiresAt) }))] };
    }
    if (first === 'no') {
      const typerId = await ctx.run(refuseLink, { inviteId: second, creatorId: ctx.person.id, now });
      if (!typerId) return { replies: [reply(msg('link.error.expired'))] };
      await ctx.notify(typerId, { lines: [msg('link.refusedNotice')] }, `link:refused:${second}`);
      return { replies: [reply(msg('link.refused'))] };
    }
    if (first === 'ok') {
      const result = await ctx.run(completeLink, { inviteId: second, creatorId: ctx.person.id, now });
      if (!result.ok) {
        if (result.typerId) await ctx.notify(result.typerId, { lines: [msg(`link.error.${result.reason}`)] }, `link:failed:${second}`);
        return { replies: [reply(msg(`link.error.${result.reason}`))] };
      }
      await ctx.run(recordAudit, {
        actorId: ctx.person.id,
        action: 'person.link',
        subjectType: 'person',
        subjectId: result.plan.survivorId,
        details: { absorbedId: result.plan.absorbedId, inviteId: second },
        at: now,
      });
      // Both sides are one person now: this reaches every account of it, this one included.
      await ctx.notify(result.plan.survivorId, { lines: [msg('link.linked')] }, `link:done:${second}`);
      return { replies: [] };
    }
    const found = await ctx.run(findLinkCode, { code: args, typerId: ctx.person.id, now });
    if (!found.ok) return { replies: [reply(msg(`link.error.${found.reason}`))] };
    return { replies: [], startFlow: { flowId: 'link', args: JSON.stringify({ inviteId: found.inviteId, creatorId: found.creatorId }) } };
  },
});
