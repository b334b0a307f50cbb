import { defineCommand } from './command.js';

/** /baocao [year]: write, review, submit or reopen the unit's annual report. */
export const reportCommand = defineCommand({
  names: ['baocao', 'report'],
  allow: ['unit_contact'],
  descriptionKey: 'commands.report',
  menuLabelKey: 'menu.report',
  run: (args) => ({ replies: [], startFlow: { flowId: 'annual', args } }),
});
