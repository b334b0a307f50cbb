import type { CommandDefinition } from './command.js';
import { cancelCommand } from './cancel-command.js';
import { helpCommand } from './help-command.js';
import { inviteCommand } from './invite-command.js';
import { langCommand } from './lang-command.js';
import { menuCommand } from './menu-command.js';
import { startCommand } from './start-command.js';

/** Every command the bot knows, in the order help and the menu show them. */
export function allCommands(): readonly CommandDefinition[] {
  return [startCommand, menuCommand, helpCommand, langCommand, cancelCommand, inviteCommand];
}

export function findCommand(name: string): CommandDefinition | undefined {
  const wanted = name.toLowerCase();
  return allCommands().find((c) => c.names.includes(wanted));
}
