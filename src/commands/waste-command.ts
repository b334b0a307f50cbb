import { defineCommand } from './command.js';

export const wasteCommand = defineCommand({
  names: ['phananh', 'waste'],
  allow: 'everyone',
  descriptionKey: 'commands.waste',
  menuLabelKey: 'menu.waste',
  run: () => ({ replies: [], startFlow: { flowId: 'waste', args: '' } }),
});
