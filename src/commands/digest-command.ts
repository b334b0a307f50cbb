import { msg, reply } from '../core/message.js';
import { defineCommand } from './command.js';

/** /tonghoptuan on|off: the weekly digest, Monday mornings. */
export const digestCommand = defineCommand({
  names: ['tonghoptuan', 'digest'],
  allow: ['official'],
  descriptionKey: 'commands.digest',
  keepsFlow: true,
  run: async (args, ctx) => {
    const wanted = args.trim().toLowerCase();
    const current = (await ctx.tx.person.findUniqueOrThrow({ where: { id: ctx.person.id } })).digestOptIn;
    const on = wanted ? ['on', 'bat', 'bật', 'co', 'có', 'yes'].includes(wanted) : !current;
    await ctx.tx.person.update({ where: { id: ctx.person.id }, data: { digestOptIn: on } });
    return { replies: [reply(msg(on ? 'digest.on' : 'digest.off'))] };
  },
});
