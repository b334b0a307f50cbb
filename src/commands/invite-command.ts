import { defineCommand } from './command.js';

/** /moi [UNIT_CODE]: create an invite; with a unit code it goes straight to confirmation. */
export const inviteCommand = defineCommand({
  names: ['moi', 'invite'],
  allow: ['official'],
  descriptionKey: 'commands.invite',
  menuLabelKey: 'menu.invite',
  run: (args) => ({ replies: [], startFlow: { flowId: 'invite', args } }),
});
