import { defineCommand } from './command.js';

/** /ketqua CODE: a unit contact reports how a forwarded report is being handled. */
export const unitResultCommand = defineCommand({
  names: ['ketqua', 'result'],
  allow: ['unit_contact'],
  descriptionKey: 'commands.result',
  run: (args) => ({ replies: [], startFlow: { flowId: 'unitResult', args } }),
});
