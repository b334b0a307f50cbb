import { bilingual, concat, msg, reply, verbatim } from '../core/message.js';
import { findOpenUnitReports } from '../waste/open-unit-reports.js';
import { statusLabel } from '../waste/waste-report-view.js';
import { commandButton } from '../core/command-button.js';
import { defineCommand } from './command.js';

/**
 * /ketqua CODE: a unit contact reports how a forwarded report is being handled. Without a code,
 * the unit's open reports, each with a button to answer it.
 */
export const unitResultCommand = defineCommand({
  names: ['ketqua', 'result'],
  allow: ['unit_contact'],
  descriptionKey: 'commands.result',
  run: async (args, ctx) => {
    if (args.trim()) return { replies: [], startFlow: { flowId: 'unitResult', args } };
    const { reports, total } = await ctx.run(findOpenUnitReports, { unitIds: ctx.person.unitIds });
    if (!total) return { replies: [reply(msg('unitResult.noneOpen'))], showMenu: true };
    return {
      replies: [
        {
          lines: [
            msg('unitResult.openList', { count: total }),
            ...reports.map((r) =>
              concat(
                verbatim(`• ${r.code} — `),
                bilingual(r.category.nameVi, r.category.nameEn),
                verbatim(' — '),
                r.proposedResult ? msg('unitResult.openAwaitingBoard') : statusLabel(r.status),
              ),
            ),
            ...(total > reports.length ? [msg('unitResult.openMore', { count: total - reports.length })] : []),
          ],
          buttons: reports.filter((r) => !r.proposedResult).map((r) => [commandButton(concat(msg('unitResult.answerButton'), verbatim(` ${r.code}`)), 'ketqua', r.code)]),
        },
      ],
    };
  },
});
