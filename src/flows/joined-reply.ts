import type { RedeemInviteResult } from '../invites/redeem-invite.js';
import { getChosenName } from '../people/set-chosen-name.js';
import { findOpenUnitReports } from '../waste/open-unit-reports.js';
import { unitDueLines } from '../unit-reporting/unit-status-lines.js';
import { describeRole } from './describe-role.js';
import type { TurnContext } from '../core/turn-context.js';
import { commandButton } from '../core/command-button.js';
import { msg, verbatim, type TReply } from '../core/message.js';

/** A platform that gives no name (the web chat): a contact or official who joins there is asked for one. */
export async function needsTypedName(ctx: TurnContext): Promise<boolean> {
  return !ctx.traits.knowsName && !(await ctx.run(getChosenName, { personId: ctx.person.id }));
}

/**
 * The welcome after an invite: the role and unit, and for a unit contact what is due and the
 * commands to use. Roles are reloaded first so the menu that follows fits the new role.
 */
export async function joinedReply(ctx: TurnContext, result: Extract<RedeemInviteResult, { ok: true }>): Promise<TReply> {
  await ctx.refreshPerson();
  const lines = [(await needsTypedName(ctx)) ? msg('invites.joinedNoName') : msg('invites.joined', { name: ctx.person.displayName }), describeRole(result.role, result.unit)];
  if (result.role === 'unit_contact' && result.unit) {
    lines.push(verbatim(''), ...(await unitDueLines(ctx, result.unit.id)), verbatim(''), msg('invites.contactCommands'));
  }
  if (result.role === 'official' || result.role === 'admin') lines.push(verbatim(''), msg('invites.officialCommands'));
  // Reports forwarded before anyone joined for the unit were told to nobody: say they wait.
  const waiting = result.role === 'unit_contact' && result.unit ? (await ctx.run(findOpenUnitReports, { unitIds: [result.unit.id] })).total : 0;
  if (!waiting) return { lines };
  lines.push(verbatim(''), msg('unitResult.waitingOnJoin', { count: waiting }));
  return { lines, buttons: [[commandButton(msg('unitResult.showOpen'), 'ketqua')]] };
}
