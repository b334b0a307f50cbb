import { annualReportLines, historyLines, loadAnnualReport } from '../annual-report/annual-report-view.js';
import { reviewAnnualReport } from '../annual-report/review-annual-report.js';
import { MAX_YEAR, MIN_YEAR, parseYearArg } from '../domain/parse-year-arg.js';
import { localDate } from '../domain/period.js';
import { bilingual, concat, msg, reply, verbatim, type TReply } from '../core/message.js';
import { commandButton } from '../core/command-button.js';
import { defineCommand } from './command.js';

/**
 * /xembaocao [UNIT [YEAR]]: without a unit, the reports waiting for review; with one, its
 * latest version, its history and buttons to return it for correction or accept it.
 * `/xembaocao accept <id>` is what the accept button sends.
 */
export const reviewCommand = defineCommand({
  names: ['xembaocao', 'reports'],
  allow: ['official'],
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
    if (asked.kind === 'invalid') return { replies: [reply(msg('errors.yearOutOfRange', { min: MIN_YEAR, max: MAX_YEAR, example: localDate(ctx.clock.now()).year }))] };
    const year = asked.kind === 'year' ? asked.year : localDate(ctx.clock.now()).year;
    if (!first) {
      const waiting = await ctx.tx.annualReport.findMany({ where: { year, state: 'submitted' }, include: { unit: true }, orderBy: { submittedAt: 'asc' } });
      if (!waiting.length) return { replies: [reply(msg('review.none', { year }))] };
      return {
        replies: [
          {
            lines: [msg('review.waiting', { year, count: waiting.length })],
            buttons: waiting.map((r) => [commandButton(bilingual(r.unit.shortName ?? r.unit.nameVi, r.unit.nameEn), 'xembaocao', r.unit.code, r.year)]),
          },
        ],
      };
    }
    const unit = await ctx.tx.unit.findFirst({ where: { campaignId: ctx.campaignId, code: first.toUpperCase() } });
    const report = unit ? await ctx.tx.annualReport.findUnique({ where: { unitId_year: { unitId: unit.id, year } } }) : null;
    if (!report) return { replies: [reply(msg('review.notFound'))] };
    const loaded = (await loadAnnualReport(ctx.tx, { reportId: report.id }))!;
    const out: TReply = { lines: [...annualReportLines(loaded), verbatim(''), msg('review.history'), ...historyLines(loaded)] };
    if (report.state === 'submitted') {
      out.buttons = [[
        commandButton(msg('review.return'), 'xembaocao', 'return', report.id),
        commandButton(msg('review.accept'), 'xembaocao', 'accept', report.id),
      ]];
    }
    if (!historyLines(loaded).length) out.lines.push(concat(msg('review.noVersions')));
    return { replies: [out] };
  },
});
