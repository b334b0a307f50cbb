import { annualReportLines, historyLines, loadAnnualReport } from '../annual-report/annual-report-view.js';
import { reviewAnnualReport } from '../annual-report/review-annual-report.js';
import { parseYearArg } from '../domain/parse-year-arg.js';
import { localDate } from '../domain/period.js';
import { bilingual, concat, msg, reply, verbatim, type TReply } from '../core/message.js';
import { campaignButton } from '../core/campaigns.js';
import { findAnnualReportOfYear } from '../annual-report/find-annual-report-of-year.js';
import { listSubmittedAnnualReports } from '../annual-report/list-submitted-annual-reports.js';
import { findUnitOfCampaign } from '../units/find-unit-of-campaign.js';
import { defineCommand } from './command.js';
import { yearOutOfRangeReply } from './year-replies.js';

/**
 * /xembaocao [UNIT [YEAR]]: without a unit, the reports waiting for review; with one, its
 * latest version, its history and buttons to return it for correction or accept it.
 * `/xembaocao accept <id>` is what the accept button sends.
 */
export const reviewCommand = defineCommand({
  names: ['xembaocao', 'reports'],
  allow: ['official'],
  namesCampaign: 'writes',
  descriptionKey: 'commands.reports',
  menuLabelKey: 'menu.reports',
  run: async (args, ctx) => {
    const [first = '', second = ''] = args.split(/\s+/);
    if (first === 'accept') {
      const result = await reviewAnnualReport(ctx, second, { action: 'accept' });
      return { replies: [reply(msg(result.ok ? 'review.accepted' : 'review.notSubmitted'))] };
    }
    if (first === 'return') return { replies: [], startFlow: { flowId: 'returnReport', args: second } };
    const asked = parseYearArg([second]);
    if (asked.kind === 'invalid') return { replies: [yearOutOfRangeReply(ctx.clock.now())] };
    const year = asked.kind === 'year' ? asked.year : localDate(ctx.clock.now()).year;
    if (!first) {
      const waiting = await ctx.run(listSubmittedAnnualReports, { campaignId: ctx.campaignId, year });
      if (!waiting.length) return { replies: [reply(msg('review.none', { year }))] };
      return {
        replies: [
          {
            lines: [msg('review.waiting', { year, count: waiting.length })],
            buttons: waiting.map((r) => [campaignButton(ctx.campaigns, ctx.campaignId, bilingual(r.unit.shortName ?? r.unit.nameVi, r.unit.nameEn), 'xembaocao', r.unit.code, r.year)]),
          },
        ],
      };
    }
    const unit = await ctx.run(findUnitOfCampaign, { campaignId: ctx.campaignId, code: first });
    const report = unit ? await ctx.run(findAnnualReportOfYear, { unitId: unit.id, year }) : null;
    if (!report) return { replies: [reply(msg('review.notFound'))] };
    const loaded = (await ctx.run(loadAnnualReport, { reportId: report.id }))!;
    const out: TReply = { lines: [...annualReportLines(loaded), verbatim(''), msg('review.history'), ...historyLines(loaded)] };
    if (report.state === 'submitted') {
      out.buttons = [[
        campaignButton(ctx.campaigns, ctx.campaignId, msg('review.return'), 'xembaocao', 'return', report.id),
        campaignButton(ctx.campaigns, ctx.campaignId, msg('review.accept'), 'xembaocao', 'accept', report.id),
      ]];
    }
    if (!historyLines(loaded).length) out.lines.push(concat(msg('review.noVersions')));
    return { replies: [out] };
  },
});
