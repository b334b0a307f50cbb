import { msg, reply } from '../core/message.js';
import { setDigestOptIn } from '../people/set-digest-opt-in.js';
import { defineCommand } from './command.js';

/** /tonghoptuan on|off: the weekly digest, Monday mornings. */
export const digestCommand = defineCommand({
  names: ['tonghoptuan', 'digest'],
  allow: ['official'],
  descriptionKey: 'commands.digest',
  keepsFlow: true,
  run: async (args, ctx) => {
    const wanted = args.trim().toLowerCase();
    const on = await ctx.run(setDigestOptIn, { personId: ctx.person.id, on: wanted ? ['on', 'bat', 'bật', 'co', 'có', 'yes'].includes(wanted) : null });
    return { replies: [reply(msg(on ? 'digest.on' : 'digest.off'))] };
  },
});
