import type { CommandDefinition } from './command.js';
import { cancelCommand } from './cancel-command.js';
import { defineHelpCommand } from './help-command.js';
import { inviteCommand } from './invite-command.js';
import { langCommand } from './lang-command.js';
import { menuCommand } from './menu-command.js';
import { startCommand } from './start-command.js';
import { feedbackCommand } from './feedback-command.js';
import { blocksCommand } from './blocks-command.js';
import { inboxCommand } from './inbox-command.js';
import { trackCommand } from './track-command.js';
import { triageCommand } from './triage-command.js';
import { unitResultCommand } from './unit-result-command.js';
import { wasteCommand } from './waste-command.js';
import { campaignCommand } from './campaign-command.js';
import { digestCommand } from './digest-command.js';
import { failuresCommand } from './failures-command.js';
import { linkCommand } from './link-command.js';
import { nudgeCommand } from './nudge-command.js';
import { auditCommand } from './audit-command.js';
import { chartCommand } from './chart-command.js';
import { exportCommand } from './export-command.js';
import { summaryCommand } from './summary-command.js';
import { overdueCommand } from './overdue-command.js';
import { unitCommand } from './unit-command.js';
import { nameCommand } from './name-command.js';
import { snoozeCommand } from './snooze-command.js';
import { paperCommand } from './paper-command.js';
import { reportCommand } from './report-command.js';
import { reviewCommand } from './review-command.js';
import { revokeCommand } from './revoke-command.js';
import { statusCommand } from './status-command.js';
import { updateCommand } from './update-command.js';
import { commendationCommand } from './commendation-command.js';
import { proposeCommand } from './propose-command.js';

/** Every command the bot knows, in the order help and the menu show them. */
const COMMANDS: readonly CommandDefinition[] = [
  startCommand,
  updateCommand,
  statusCommand,
  reportCommand,
  unitResultCommand,
  wasteCommand,
  trackCommand,
  inboxCommand,
  blocksCommand,
  reviewCommand,
  summaryCommand,
  commendationCommand,
  proposeCommand,
  overdueCommand,
  unitCommand,
  exportCommand,
  chartCommand,
  nudgeCommand,
  digestCommand,
  campaignCommand,
  inviteCommand,
  revokeCommand,
  failuresCommand,
  auditCommand,
  menuCommand,
  defineHelpCommand(() => COMMANDS),
  langCommand,
  nameCommand,
  linkCommand,
  cancelCommand,
  triageCommand,
  feedbackCommand,
  snoozeCommand,
  paperCommand,
];

export function allCommands(): readonly CommandDefinition[] {
  return COMMANDS;
}

export function findCommand(name: string): CommandDefinition | undefined {
  const wanted = name.toLowerCase();
  return allCommands().find((c) => c.names.includes(wanted));
}
