import { defineCommand } from './command.js';

/** /ten: sets or changes the name shown to officials when the person chooses to be named. */
export const nameCommand = defineCommand({
  names: ['ten', 'name'],
  allow: 'everyone',
  descriptionKey: 'commands.name',
  menuLabelKey: 'menu.name',
  run: () => ({ replies: [], startFlow: { flowId: 'name', args: '' } }),
});
