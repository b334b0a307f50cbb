import type { TCommandName } from '../core/command-button.js';
import type { TRole } from '../domain/role.js';
import type { TurnContext } from '../core/turn-context.js';
import type { TReply } from '../core/message.js';

export interface CommandResult {
  replies: TReply[];
  /** Start this flow after the replies (the current flow, if any, is left). */
  startFlow?: { flowId: string; args: string };
  showMenu?: boolean;
}

/**
 * A slash command. `allow` is required: every command states who may use it, and a test
 * walks all of them under every role.
 */
export interface CommandDefinition {
  /** Vietnamese name first (/moi), English aliases after (/invite). */
  names: [TCommandName, ...string[]];
  allow: 'everyone' | readonly TRole[];
  descriptionKey: string;
  /** Shown as a button in the menu, with this label. */
  menuLabelKey?: string;
  /** Reached by buttons only (a triage action, a rating): left out of help. */
  hidden?: boolean;
  /** Answered without leaving the current flow, whose prompt is then shown again. */
  keepsFlow?: boolean;
  /**
   * Takes a campaign's code among its arguments (/tonghop 2025 CODE) and works in that campaign
   * this once: `reads` in any campaign, archived ones too; `writes` in an active one only.
   */
  namesCampaign?: 'reads' | 'writes';
  /**
   * Works in the main campaign whatever the person's: citizens report to the main one, so
   * their reports are triaged by its officials, not by an official of another movement.
   */
  inMainCampaign?: boolean;
  run(args: string, ctx: TurnContext): CommandResult | Promise<CommandResult>;
}

export function defineCommand(command: CommandDefinition): CommandDefinition {
  return command;
}
