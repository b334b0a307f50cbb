import { normalizeTrackingCode } from '../domain/tracking-code.js';
import { concat, msg, reply, verbatim, type TMsg } from '../core/message.js';
import { historyLines, loadWasteReport, photoRefs, statusLabel, wasteReportLines } from '../waste/waste-report-view.js';
import { listReportsOfReporter } from '../waste/list-reports-of-reporter.js';
import { defineCommand } from './command.js';

/**
 * /tracuu CODE. From the reporter's own account it shows the report and its history with
 * the reasons given; from anyone else only the status and its dates, since a code can be
 * shared or guessed at.
 */
export const trackCommand = defineCommand({
  names: ['tracuu', 'track'],
  allow: 'everyone',
  descriptionKey: 'commands.track',
  menuLabelKey: 'menu.track',
  keepsFlow: true,
  run: async (args, ctx) => {
    if (!args) {
      const mine = await ctx.run(listReportsOfReporter, { reporterId: ctx.person.id, take: 10 });
      const lines: TMsg[] = [msg('track.usage')];
      if (mine.length) {
        lines.push(verbatim(''), msg('track.yours'));
        for (const r of mine) lines.push(concat(verbatim(`• ${r.code} — `), statusLabel(r.status)));
      }
      return { replies: [{ lines }] };
    }
    const code = normalizeTrackingCode(args);
    const report = code ? await ctx.run(loadWasteReport, { code }) : null;
    if (!report) return { replies: [reply(msg('track.notFound'))] };
    if (report.reporterId === ctx.person.id) {
      return {
        replies: [
          {
            lines: [...wasteReportLines(report, 'reporter'), verbatim(''), msg('track.history'), ...historyLines(report, 'public')],
            photos: photoRefs(report),
          },
        ],
      };
    }
    return {
      replies: [
        reply(concat(msg('waste.view.code'), verbatim(report.code)), concat(msg('waste.view.status'), statusLabel(report.status)), verbatim(''), msg('track.history'), ...historyLines(report, 'none')),
      ],
    };
  },
});
