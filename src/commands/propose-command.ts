import { defineCommand } from './command.js';

export const proposeCommand = defineCommand({
  names: ['dexuat', 'propose'],
  allow: ['unit_contact'],
  descriptionKey: 'commands.propose',
  run: () => ({ replies: [], startFlow: { flowId: 'proposal', args: '' } }),
});
