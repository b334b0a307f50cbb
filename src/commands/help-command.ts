import { defineCommand } from './command.js';
import { helpReply } from './menu-reply.js';
import { allCommands } from './all-commands.js';

export const helpCommand = defineCommand({
  names: ['trogiup', 'help'],
  allow: 'everyone',
  descriptionKey: 'commands.help',
  menuLabelKey: 'menu.help',
  keepsFlow: true,
  run: (_args, ctx) => ({ replies: [helpReply(allCommands(), ctx.person)] }),
});
