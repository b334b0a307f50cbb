import { redeemInvite } from '../invites/redeem-invite.js';
import { joinedReply, needsTypedName } from '../flows/joined-reply.js';
import { msg, reply } from '../core/message.js';
import { defineCommand } from './command.js';

/**
 * /start, also what a t.me/<bot>?start=CODE link sends. With a code it binds the person;
 * without one, newcomers are walked through onboarding and others see the menu.
 */
export const startCommand = defineCommand({
  names: ['start', 'batdau'],
  allow: 'everyone',
  descriptionKey: 'commands.start',
  run: async (args, ctx) => {
    if (args) {
      const result = await ctx.run(redeemInvite, { code: args, personId: ctx.person.id, now: ctx.clock.now() });
      if (!result.ok) {
        return { replies: [reply(msg(`invites.error.${result.reason}`))], startFlow: { flowId: 'onboarding', args: 'code' } };
      }
      const joined = await joinedReply(ctx, result);
      if (await needsTypedName(ctx)) return { replies: [joined], startFlow: { flowId: 'name', args: 'join' } };
      return { replies: [joined], showMenu: true };
    }
    const isNewcomer = ctx.person.roles.length === 1 && !ctx.person.localeChosen;
    if (isNewcomer) return { replies: [], startFlow: { flowId: 'onboarding', args: '' } };
    const greeting = (await needsTypedName(ctx)) ? msg('start.welcomeBackNoName') : msg('start.welcomeBack', { name: ctx.person.displayName });
    return { replies: [reply(greeting)], showMenu: true };
  },
});
