import { annualReportLines, historyLines, loadAnnualReport } from '../annual-report/annual-report-view.js';
import { localDate } from '../domain/period.js';
import { bilingual, msg, reply, verbatim, type TMsg } from '../core/message.js';
import { unitDueLines, unitFigureLines } from '../unit-reporting/unit-status-lines.js';
import { defineCommand } from './command.js';

/** /donvi UNIT: one unit's figures against targets, what is due, and its annual report. */
export const unitCommand = defineCommand({
  names: ['donvi', 'unit'],
  allow: ['official'],
  descriptionKey: 'commands.unit',
  run: async (args, ctx) => {
    const code = args.trim().toUpperCase();
    if (!code) return { replies: [reply(msg('unitView.usage'))] };
    const unit = await ctx.tx.unit.findFirst({ where: { campaignId: ctx.campaignId, code }, include: { kind: true } });
    if (!unit) return { replies: [reply(msg('invite.unknownUnit', { code }))] };
    const contacts = await ctx.tx.roleAssignment.count({ where: { unitId: unit.id, role: 'unit_contact', revokedAt: null } });
    const lines: TMsg[] = [
      bilingual(unit.nameVi, unit.nameEn),
      bilingual(unit.kind.nameVi, unit.kind.nameEn),
      msg('unitView.contacts', { count: contacts }),
      verbatim(''),
      ...(await unitFigureLines(ctx, unit.id)),
      verbatim(''),
      ...(await unitDueLines(ctx, unit.id)),
    ];
    const report = await ctx.tx.annualReport.findUnique({ where: { unitId_year: { unitId: unit.id, year: localDate(ctx.clock.now()).year } } });
    const replies = [{ lines }];
    if (report) {
      const loaded = (await loadAnnualReport(ctx.tx, { reportId: report.id }))!;
      replies.push({ lines: [...annualReportLines(loaded), verbatim(''), msg('review.history'), ...historyLines(loaded)] });
    }
    return { replies };
  },
});
