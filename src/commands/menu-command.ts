import { defineCommand } from './command.js';

export const menuCommand = defineCommand({
  names: ['menu'],
  allow: 'everyone',
  descriptionKey: 'commands.menu',
  run: () => ({ replies: [], showMenu: true }),
});
