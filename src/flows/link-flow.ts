import { z } from 'zod';
import { ZGrantableRole } from '../domain/role.js';
import { claimLinkCode, LINK_TTL_MINUTES, planLink, type LinkPlan } from '../people/link-identities.js';
import { loadLinkParties } from '../people/load-link-parties.js';
import { commandButton } from '../core/command-button.js';
import type { TurnContext } from '../core/turn-context.js';
import { describeRole } from './describe-role.js';
import { defineFlow, type Transition } from './engine/flow.js';
import { msg, reply, verbatim, type TMsg, type TReply } from '../core/message.js';

const ZData = z.object({ inviteId: z.string(), creatorId: z.string() });
type TData = z.infer<typeof ZData>;

const CHANNEL_NAMES: Record<string, string> = { telegram: 'Telegram', zalo: 'Zalo', web: 'Web chat' };

/**
 * What linking with `otherId` will share, said plainly to the person who has to confirm it:
 * who the other side is, the roles that will act from both sides, that reports are merged,
 * and the name kept.
 */
export async function linkSummaryLines(ctx: Pick<TurnContext, 'run'>, introKey: string, otherId: string, plan: LinkPlan): Promise<TMsg[]> {
  const { other, survivor } = await ctx.run(loadLinkParties, { otherId, survivorId: plan.survivorId });
  const channels = [...new Set(other.identities.map((i) => CHANNEL_NAMES[i.channel] ?? i.channel))].join(', ');
  const roles = survivor.roles.flatMap((r) => {
    const role = ZGrantableRole.safeParse(r.role);
    return role.success ? [describeRole(role.data, r.unit)] : [];
  });
  return [
    msg(introKey, { channels, name: other.displayName }),
    verbatim(''),
    msg('link.shares.title'),
    ...(roles.length ? [msg('link.shares.roles'), ...roles] : [msg('link.shares.noRoles')]),
    msg('link.shares.reports'),
    msg('link.shares.name', { name: survivor.displayName }),
    verbatim(''),
    msg('link.shares.warning'),
  ];
}

/** The question the person who showed the code gets once the other side confirmed. */
export async function linkRequestReply(ctx: Pick<TurnContext, 'run'>, inviteId: string, typerId: string, plan: LinkPlan): Promise<TReply> {
  return {
    lines: await linkSummaryLines(ctx, 'link.ask.intro', typerId, plan),
    buttons: [[commandButton(msg('link.ask.confirm'), 'lienket', 'ok', inviteId), commandButton(msg('link.ask.refuse'), 'lienket', 'no', inviteId)]],
  };
}

const refused = (reason: string): Transition<TData, never> => ({ done: true, say: [reply(msg(`link.error.${reason}`))] });

/**
 * The person who typed a link code sees what linking means and confirms; then the person who
 * showed the code is asked in turn. Nothing is shared before both have confirmed.
 */
export const linkFlow = defineFlow({
  id: 'link',
  data: ZData,
  actsFor: { role: 'citizen' },
  start: (args) => ({ next: 'confirm', data: ZData.parse(JSON.parse(args)) }),
  steps: {
    confirm: {
      prompt: async (data, ctx) => {
        const planned = await ctx.run(planLink, { creatorId: data.creatorId, typerId: ctx.person.id });
        const plan = planned.ok ? planned.plan : { survivorId: data.creatorId, absorbedId: ctx.person.id };
        return {
          lines: [...(await linkSummaryLines(ctx, 'link.confirm.intro', data.creatorId, plan)), msg('link.confirm.otherSide')],
          ask: {
            kind: 'choice',
            columns: 2,
            options: [
              { value: 'link', label: msg('link.confirm.button') },
              { value: 'cancel', label: msg('common.cancel') },
            ],
          },
        };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'choice' || answer.value !== 'link') return { done: true, say: [reply(msg('link.cancelled'))] };
        const planned = await ctx.run(planLink, { creatorId: data.creatorId, typerId: ctx.person.id });
        if (!planned.ok) return refused(planned.reason);
        const now = ctx.clock.now();
        if (!(await ctx.run(claimLinkCode, { inviteId: data.inviteId, typerId: ctx.person.id, now }))) return refused('expired');
        await ctx.notify(data.creatorId, await linkRequestReply(ctx, data.inviteId, ctx.person.id, planned.plan), `link:ask:${data.inviteId}`);
        return { done: true, say: [reply(msg('link.waiting', { minutes: LINK_TTL_MINUTES }))] };
      },
    },
  },
});
