import { ownUnitNames } from '../core/campaigns.js';
import { msg, verbatim, type TReply } from '../core/message.js';
import { unitDueLines, unitFigureLines } from '../unit-reporting/unit-status-lines.js';
import { findUnits } from '../units/find-units.js';
import { defineCommand } from './command.js';

/** /tiendo: the unit's figures this year against targets, and what is due next. */
export const statusCommand = defineCommand({
  names: ['tiendo', 'status'],
  allow: ['unit_contact'],
  descriptionKey: 'commands.status',
  menuLabelKey: 'menu.status',
  keepsFlow: true,
  run: async (_args, ctx) => {
    const replies: TReply[] = [];
    const units = await ctx.run(findUnits, { unitIds: ctx.person.unitIds });
    const names = ownUnitNames(units, ctx.campaigns);
    for (const unit of units) {
      const unitId = unit.id;
      replies.push({
        lines: [names.get(unitId)!, verbatim(''), ...(await unitFigureLines(ctx, unitId)), verbatim(''), ...(await unitDueLines(ctx, unitId)), verbatim(''), msg('status.hint')],
      });
    }
    return { replies };
  },
});
