import { commandButton } from '../core/command-button.js';
import { hasRole } from '../domain/role.js';
import type { TPersonView } from '../core/person-view.js';
import { concat, msg, verbatim, type TButton, type TReply } from '../core/message.js';
import type { CommandDefinition } from './command.js';

export function mayUse(command: CommandDefinition, person: TPersonView): boolean {
  if (command.allow === 'everyone') return true;
  return command.allow.some((role) => hasRole(person.roles, role));
}

/** A menu button runs its command as if it were typed. */
export function menuReply(commands: readonly CommandDefinition[], person: TPersonView): TReply {
  const buttons: TButton[][] = [];
  for (const command of commands) {
    if (!command.menuLabelKey || !mayUse(command, person)) continue;
    const button = commandButton(msg(command.menuLabelKey), command.names[0]);
    const last = buttons[buttons.length - 1];
    if (last && last.length < 2) last.push(button);
    else buttons.push([button]);
  }
  return { lines: [msg('menu.title')], buttons };
}

export function helpReply(commands: readonly CommandDefinition[], person: TPersonView): TReply {
  const lines = [msg('help.title')];
  for (const command of commands) {
    if (command.hidden || !mayUse(command, person)) continue;
    const names = command.names.map((n) => `/${n}`).join(', ');
    lines.push(concat(verbatim(`${names} — `), msg(command.descriptionKey)));
  }
  lines.push({ text: '' }, msg('help.footer'));
  return { lines };
}
