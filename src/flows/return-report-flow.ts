import { z } from 'zod';
import { reviewAnnualReport } from '../annual-report/review-annual-report.js';
import { defineFlow } from './engine/flow.js';
import { msg, reply } from '../core/message.js';

const ZData = z.object({
  reportId: z.string(),
  /** The campaign the official opened the report in; a dialog from before campaigns were kept has none. */
  campaignId: z.string().optional(),
});

/** An official returns a submitted annual report for correction, with the reason. */
export const returnReportFlow = defineFlow({
  id: 'returnReport',
  data: ZData,
  actsFor: { role: 'official' },
  campaign: (data) => data?.campaignId,
  start: (args, ctx) => ({ next: 'reason', data: { reportId: args.trim(), campaignId: ctx.campaignId } }),
  steps: {
    reason: {
      prompt: () => ({ lines: [msg('review.askReason')], ask: { kind: 'text', min: 5, max: 2000 } }),
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'text') return { retry: msg('errors.expectedText') };
        const result = await reviewAnnualReport(ctx, data.reportId, { action: 'return', reason: answer.text });
        return { done: true, say: [reply(msg(result.ok ? 'review.returned' : 'review.notSubmitted'))] };
      },
    },
  },
});
