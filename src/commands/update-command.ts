import { defineCommand } from './command.js';

export const updateCommand = defineCommand({
  names: ['capnhat', 'update'],
  allow: ['unit_contact'],
  descriptionKey: 'commands.update',
  menuLabelKey: 'menu.update',
  run: () => ({ replies: [], startFlow: { flowId: 'progress', args: '' } }),
});
