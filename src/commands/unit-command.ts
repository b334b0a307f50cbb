import { annualReportLines, historyLines, loadAnnualReport } from '../annual-report/annual-report-view.js';
import { localDate } from '../domain/period.js';
import { bilingual, msg, reply, verbatim, type TMsg } from '../core/message.js';
import { unitDueLines, unitFigureLines } from '../unit-reporting/unit-status-lines.js';
import { findAnnualReportOfYear } from '../annual-report/find-annual-report-of-year.js';
import { activeUnitContacts } from '../people/active-unit-contacts.js';
import { findUnitOfCampaign } from '../units/find-unit-of-campaign.js';
import { defineCommand } from './command.js';

/** /donvi UNIT: one unit's figures against targets, what is due, and its annual report. */
export const unitCommand = defineCommand({
  names: ['donvi', 'unit'],
  allow: ['official'],
  namesCampaign: 'reads',
  descriptionKey: 'commands.unit',
  run: async (args, ctx) => {
    const code = args.trim().toUpperCase();
    if (!code) return { replies: [reply(msg('unitView.usage'))] };
    const unit = await ctx.run(findUnitOfCampaign, { campaignId: ctx.campaignId, code });
    if (!unit) return { replies: [reply(msg('invite.unknownUnit', { code }))] };
    const contacts = (await ctx.run(activeUnitContacts, { unitId: unit.id })).length;
    const lines: TMsg[] = [
      bilingual(unit.nameVi, unit.nameEn),
      bilingual(unit.kind.nameVi, unit.kind.nameEn),
      msg('unitView.contacts', { count: contacts }),
      verbatim(''),
      ...(await unitFigureLines(ctx, unit.id)),
      verbatim(''),
      ...(await unitDueLines(ctx, unit.id)),
    ];
    const report = await ctx.run(findAnnualReportOfYear, { unitId: unit.id, year: localDate(ctx.clock.now()).year });
    const replies = [{ lines }];
    if (report) {
      const loaded = (await ctx.run(loadAnnualReport, { reportId: report.id }))!;
      replies.push({ lines: [...annualReportLines(loaded), verbatim(''), msg('review.history'), ...historyLines(loaded)] });
    }
    return { replies };
  },
});
