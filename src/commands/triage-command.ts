import { recordAudit } from '../audit/record-audit.js';
import { normalizeTrackingCode } from '../domain/tracking-code.js';
import { ZTriageAction } from '../flows/triage-flow.js';
import { concat, msg, reply, verbatim } from '../core/message.js';
import { blockSender } from '../waste/block-sender.js';
import { changeWasteStatus } from '../waste/change-waste-status.js';
import { confirmUnitResult } from '../waste/review-unit-result.js';
import { historyLines, loadWasteReport, photoRefs, wasteReportLines } from '../waste/waste-report-view.js';
import { commandButton } from '../core/command-button.js';
import { isReportSenderBlocked } from '../waste/is-report-sender-blocked.js';
import { defineCommand } from './command.js';

/**
 * The inbox buttons: `/xl CODE verify|view|block` act at once (a block is lifted with /chan); forward, reject, duplicate and
 * resolve open the triage dialog for the few words they need.
 */
export const triageCommand = defineCommand({
  names: ['xl', 'triage'],
  allow: ['official'],
  inMainCampaign: true,
  descriptionKey: 'commands.triage',
  hidden: true,
  run: async (args, ctx) => {
    const [rawCode = '', action = 'view'] = args.split(/\s+/);
    const code = normalizeTrackingCode(rawCode);
    const report = code ? await ctx.run(loadWasteReport, { code }) : null;
    if (!report) return { replies: [reply(msg('track.notFound'))] };
    if (ZTriageAction.safeParse(action).success) return { replies: [], startFlow: { flowId: 'triage', args: `${report.code} ${action}` } };
    const now = ctx.clock.now();
    switch (action) {
      case 'verify': {
        const result = await changeWasteStatus(ctx, { reportId: report.id, to: 'verifying', actorId: ctx.person.id });
        return { replies: [reply(msg(result.ok ? 'triage.done.verify' : 'triage.notAllowed', { code: report.code }))] };
      }
      case 'confirm': {
        const result = await confirmUnitResult(ctx, { reportId: report.id, actorId: ctx.person.id });
        return { replies: [reply(msg(result.ok ? 'triage.done.confirm' : 'unitReview.nothingWaiting', { code: report.code }))] };
      }
      case 'block': {
        await ctx.run(blockSender, { reportId: report.id, actorId: ctx.person.id, now });
        return { replies: [reply(msg('triage.blocked', { code: report.code }))] };
      }
      default: {
        const waiting = report.proposedResult;
        const blocked = await ctx.run(isReportSenderBlocked, { reportId: report.id });
        await ctx.run(recordAudit, { actorId: ctx.person.id, action: 'waste.view', subjectType: 'waste_report', subjectId: report.id, at: now });
        return {
          replies: [
            {
              lines: [
                ...wasteReportLines(report, 'official'),
                ...(waiting ? [verbatim(''), concat(msg('unitReview.waiting'), verbatim(waiting))] : []),
                verbatim(''),
                msg('track.history'),
                ...historyLines(report, 'all'),
              ],
              photos: photoRefs(report),
              buttons: [
                ...(waiting
                  ? [
                      [
                        commandButton(msg('unitReview.confirm'), 'xl', report.code, 'confirm'),
                        commandButton(msg('unitReview.sendBack'), 'xl', report.code, 'sendback'),
                      ],
                    ]
                  : []),
                [
                  commandButton(msg('triage.verify'), 'xl', report.code, 'verify'),
                  commandButton(msg('triage.forward'), 'xl', report.code, 'forward'),
                ],
                [
                  commandButton(msg('triage.reject'), 'xl', report.code, 'reject'),
                  commandButton(msg('triage.duplicate'), 'xl', report.code, 'duplicate'),
                  commandButton(msg('triage.resolve'), 'xl', report.code, 'resolve'),
                ],
                [
                  blocked
                    ? commandButton(msg('triage.unblock'), 'chan', 'bo', report.code)
                    : commandButton(msg('triage.block'), 'xl', report.code, 'block'),
                ],
              ],
            },
          ],
        };
      }
    }
  },
});
