import { bilingual, msg, verbatim, type TReply } from '../core/message.js';
import { unitDueLines, unitFigureLines } from '../unit-reporting/unit-status-lines.js';
import { findUnit } from '../units/find-unit.js';
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
    for (const unitId of ctx.person.unitIds) {
      const unit = await ctx.run(findUnit, { unitId });
      if (!unit) continue;
      replies.push({
        lines: [bilingual(unit.nameVi, unit.nameEn), verbatim(''), ...(await unitFigureLines(ctx, unitId)), verbatim(''), ...(await unitDueLines(ctx, unitId)), verbatim(''), msg('status.hint')],
      });
    }
    return { replies };
  },
});
