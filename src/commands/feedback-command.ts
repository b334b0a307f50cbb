import { normalizeTrackingCode } from '../domain/tracking-code.js';
import { msg, reply } from '../core/message.js';
import { changeWasteStatus } from '../waste/change-waste-status.js';
import { findWasteReport } from '../waste/find-waste-report.js';
import { recordResolutionRating } from '../waste/record-resolution-rating.js';
import { defineCommand } from './command.js';

/** The reporter's one-tap answer after "resolved": a "no" reopens the report for the board. */
export const feedbackCommand = defineCommand({
  names: ['danhgia', 'rate'],
  allow: 'everyone',
  descriptionKey: 'commands.rate',
  hidden: true,
  keepsFlow: true,
  run: async (args, ctx) => {
    const [rawCode = '', answer = ''] = args.split(/\s+/);
    const code = normalizeTrackingCode(rawCode);
    const report = code ? await ctx.run(findWasteReport, { code }) : null;
    if (!report || report.reporterId !== ctx.person.id || !['yes', 'no'].includes(answer)) {
      return { replies: [reply(msg('track.notFound'))] };
    }
    if (report.status !== 'resolved' || report.resolutionOk !== null) {
      return { replies: [reply(msg('feedback.already', { code: report.code }))] };
    }
    const ok = answer === 'yes';
    await ctx.run(recordResolutionRating, { reportId: report.id, ok });
    if (!ok) {
      await changeWasteStatus(ctx, { reportId: report.id, to: 'reopened', actorId: null });
    }
    return { replies: [reply(msg(ok ? 'feedback.thanks' : 'feedback.reopened', { code: report.code }))] };
  },
});
