import { z } from 'zod';
import { normalizeTrackingCode } from '../domain/tracking-code.js';
import { findWasteReport } from '../waste/find-waste-report.js';
import { changeWasteStatus } from '../waste/change-waste-status.js';
import { proposeUnitResult, tellBoardOfUnitResult } from '../waste/review-unit-result.js';
import { defineFlow } from './engine/flow.js';
import { msg, reply } from '../core/message.js';

const ZData = z.object({ reportId: z.string(), code: z.string(), status: z.enum(['handling', 'resolved']).optional() });

/** A unit contact answers a forwarded report with what the unit is doing or has done. */
export const unitResultFlow = defineFlow({
  id: 'unitResult',
  leftKey: 'flow.leftKeeps.unitResult',
  data: ZData,
  // The report may also have been forwarded to another unit meanwhile.
  actsFor: {
    role: 'unit_contact',
    unit: async (data, ctx) => (await ctx.run(findWasteReport, { reportId: data.reportId }))?.assignedUnitId ?? null,
  },
  start: async (args, ctx) => {
    const code = normalizeTrackingCode(args);
    const report = code ? await ctx.run(findWasteReport, { code }) : null;
    if (!report || !report.assignedUnitId || !ctx.person.unitIds.includes(report.assignedUnitId)) {
      return { done: true, say: [reply(msg('unitResult.notYours'))] };
    }
    if (!['forwarded', 'handling'].includes(report.status)) {
      return { done: true, say: [reply(msg('unitResult.closed', { code: report.code }))] };
    }
    if (report.proposedResult) return { done: true, say: [reply(msg('unitResult.awaitingBoard', { code: report.code }))] };
    return { next: 'status', data: { reportId: report.id, code: report.code } };
  },
  steps: {
    status: {
      prompt: (data) => ({
        lines: [msg('unitResult.askStatus', { code: data.code })],
        ask: {
          kind: 'choice',
          options: [
            { value: 'handling', label: msg('waste.status.handling') },
            { value: 'resolved', label: msg('waste.status.resolved') },
          ],
        },
      }),
      answer: (answer, data) => {
        const status = ZData.shape.status.safeParse(answer.kind === 'choice' ? answer.value : undefined);
        return status.success && status.data ? { next: 'note', data: { ...data, status: status.data } } : { retry: msg('errors.chooseOption', { count: 2 }) };
      },
    },
    note: {
      prompt: (data, ctx) => ({
        lines: [msg(data.status === 'resolved' && ctx.settings.unitResultReview === 'board' ? 'unitResult.askNoteReviewed' : 'unitResult.askNote')],
        ask: { kind: 'text', min: 10, max: 2000 },
      }),
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'text') return { retry: msg('errors.expectedText') };
        const status = data.status ?? 'handling';
        if (status === 'resolved' && ctx.settings.unitResultReview === 'board') {
          const proposed = await proposeUnitResult(ctx, { reportId: data.reportId, text: answer.text, actorId: ctx.person.id });
          if (!proposed.ok) return { done: true, say: [reply(msg('unitResult.closed', { code: data.code }))] };
          return { done: true, say: [reply(msg('unitResult.sentToBoard', { code: data.code }))] };
        }
        const result = await changeWasteStatus(ctx, { reportId: data.reportId, to: status, note: { text: answer.text, audience: 'public' }, actorId: ctx.person.id });
        if (!result.ok) return { done: true, say: [reply(msg('unitResult.closed', { code: data.code }))] };
        await tellBoardOfUnitResult(ctx, { reportId: data.reportId, status, text: answer.text, eventId: result.eventId });
        return { done: true, say: [reply(msg('unitResult.saved', { code: data.code }))] };
      },
    },
  },
});
