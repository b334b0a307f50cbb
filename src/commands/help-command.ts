import { defineCommand, type CommandDefinition } from './command.js';
import { helpReply } from './menu-reply.js';

/**
 * /trogiup lists the commands the person may use. It is given the list rather than importing
 * it, since the list includes it.
 */
export function defineHelpCommand(commands: () => readonly CommandDefinition[]): CommandDefinition {
  return defineCommand({
    names: ['trogiup', 'help'],
    allow: 'everyone',
    descriptionKey: 'commands.help',
    menuLabelKey: 'menu.help',
    keepsFlow: true,
    run: (_args, ctx) => ({ replies: [helpReply(commands(), ctx.person)] }),
  });
}
