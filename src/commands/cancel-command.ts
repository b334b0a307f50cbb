import { msg, reply } from '../core/message.js';
import { defineCommand } from './command.js';

/** The router ends the current flow before any command that does not keep it; this one only confirms. */
export const cancelCommand = defineCommand({
  names: ['huy', 'cancel'],
  allow: 'everyone',
  descriptionKey: 'commands.cancel',
  run: () => ({ replies: [reply(msg('cancel.nothing'))], showMenu: true }),
});
