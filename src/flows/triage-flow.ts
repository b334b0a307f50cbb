import { activeUnitContacts } from '../people/active-unit-contacts.js';
import { z } from 'zod';
import { normalizeTrackingCode } from '../domain/tracking-code.js';
import { canMoveTo, OPEN_STATUSES, ZWasteStatus, type TNoteAudience, type TWasteStatus } from '../domain/waste-status.js';
import { carryFollowers } from '../waste/carry-followers.js';
import { findWasteReport } from '../waste/find-waste-report.js';
import { changeWasteStatus } from '../waste/change-waste-status.js';
import { sendBackUnitResult } from '../waste/review-unit-result.js';
import { citizensCampaign, defineFlow, type Transition } from './engine/flow.js';
import type { TurnContext } from '../core/turn-context.js';
import { msg, reply } from '../core/message.js';
import { readUnitKind, readUnitPick, unitKindPrompt, unitPickerPrompt } from './pick-unit.js';

export const ZTriageAction = z.enum(['forward', 'reject', 'duplicate', 'resolve', 'sendback']);

const ZData = z.object({
  reportId: z.string(),
  code: z.string(),
  action: ZTriageAction,
  kindId: z.string().optional(),
  unitId: z.string().optional(),
  /** The unit picker's search and page. */
  query: z.string().max(100).optional(),
  page: z.number().int().nonnegative().default(0),
});
type TData = z.infer<typeof ZData>;

const TARGET: Record<z.infer<typeof ZTriageAction>, TWasteStatus> = {
  forward: 'forwarded',
  reject: 'rejected',
  duplicate: 'duplicate',
  resolve: 'resolved',
  // the report stays with the unit
  sendback: 'handling',
};

/**
 * Who reads each action's note, as its prompt tells the official: a word for the unit, and the
 * code of the report a duplicate is kept in, stay internal; a reason or a result is public.
 */
const NOTE_AUDIENCE: Record<z.infer<typeof ZTriageAction>, TNoteAudience> = {
  forward: 'internal',
  reject: 'public',
  duplicate: 'internal',
  resolve: 'public',
  // the reason is for the unit
  sendback: 'internal',
};

async function apply(data: TData, ctx: TurnContext, extra: { note?: string; duplicateOfId?: string }): Promise<Transition<TData, never>> {
  if (data.action === 'sendback') {
    const sent = await sendBackUnitResult(ctx, { reportId: data.reportId, actorId: ctx.person.id, reason: extra.note ?? '' });
    return { done: true, say: [reply(msg(sent.ok ? 'triage.done.sendback' : 'unitReview.nothingWaiting', { code: data.code }))] };
  }
  const result = await changeWasteStatus(ctx, {
    reportId: data.reportId,
    to: TARGET[data.action],
    actorId: ctx.person.id,
    ...(extra.note ? { note: { text: extra.note, audience: NOTE_AUDIENCE[data.action] } } : {}),
    ...(data.unitId ? { assignedUnitId: data.unitId } : {}),
    ...(extra.duplicateOfId ? { duplicateOfId: extra.duplicateOfId } : {}),
  });
  if (!result.ok) {
    return { done: true, say: [reply(msg('triage.notAllowed', { code: data.code }))] };
  }
  if (data.action === 'duplicate' && extra.duplicateOfId) {
    await ctx.run(carryFollowers, { fromReportId: data.reportId, toReportId: extra.duplicateOfId, now: ctx.clock.now() });
  }
  if (data.action === 'forward' && data.unitId) {
    // Nobody was told: the official must not read that the unit "has been told".
    if (!(await ctx.run(activeUnitContacts, { unitId: data.unitId })).length) return { done: true, say: [reply(msg('triage.done.forwardNoContacts', { code: data.code }))] };
  }
  return { done: true, say: [reply(msg(`triage.done.${data.action}`, { code: data.code }))] };
}

/** The triage actions that need a few words from the official: forward, reject, duplicate, resolve. */
export const triageFlow = defineFlow({
  id: 'triage',
  leftKey: 'flow.leftKeeps.triage',
  campaign: citizensCampaign,
  data: ZData,
  actsFor: { role: 'official' },
  start: async (args, ctx) => {
    const [rawCode = '', rawAction = ''] = args.split(/\s+/);
    const code = normalizeTrackingCode(rawCode);
    const action = ZTriageAction.safeParse(rawAction);
    const report = code ? await ctx.run(findWasteReport, { code }) : null;
    if (!report || !action.success) return { done: true, say: [reply(msg('track.notFound'))] };
    // An old button may outlive the report's state: say so before asking for any words.
    if (!canMoveTo(ZWasteStatus.parse(report.status), TARGET[action.data])) return { done: true, say: [reply(msg('triage.notAllowed', { code: report.code }))] };
    if (action.data === 'sendback' && !report.proposedResult) return { done: true, say: [reply(msg('unitReview.nothingWaiting', { code: report.code }))] };
    const data: TData = { reportId: report.id, code: report.code, action: action.data, page: 0 };
    const first = { forward: 'kind', reject: 'reason', duplicate: 'target', resolve: 'note', sendback: 'reason' } as const;
    return { next: first[action.data], data };
  },
  steps: {
    kind: {
      prompt: (data, ctx) => unitKindPrompt(ctx, [msg('triage.forwardTo', { code: data.code }), msg('invite.chooseKind')]),
      answer: async (answer, data, ctx) => {
        const picked = await readUnitKind(answer, ctx);
        if ('retry' in picked) return picked;
        if ('query' in picked) return { next: 'unit', data: { ...data, kindId: undefined, query: picked.query, page: 0 } };
        return { next: 'unit', data: { ...data, kindId: picked.kindId, query: undefined, page: 0 } };
      },
    },
    unit: {
      prompt: (data, ctx) => unitPickerPrompt(ctx, { kindId: data.kindId }, data, [msg('invite.chooseUnit')]),
      answer: async (answer, data, ctx) => {
        const picked = await readUnitPick(answer, ctx, { kindId: data.kindId }, data);
        if ('retry' in picked) return picked;
        if ('unit' in picked) return { next: 'note', data: { ...data, unitId: picked.unit.id } };
        if ('pick' in picked) return { next: 'unit', data: { ...data, query: picked.pick.query, page: picked.pick.page } };
        return { retry: msg('unitPicker.typeOrChoose') };
      },
    },
    note: {
      prompt: (data) => ({
        lines: [data.action === 'resolve' ? msg('triage.askResolution') : msg('triage.askForwardNote')],
        ask: { kind: 'text', min: 3, max: 1000, shortcuts: [{ value: 'skip', label: msg('common.skip') }] },
      }),
      answer: (answer, data, ctx) => apply(data, ctx, answer.kind === 'text' ? { note: answer.text } : {}),
    },
    reason: {
      prompt: (data) => ({ lines: [msg(data.action === 'sendback' ? 'unitReview.askSendBackReason' : 'triage.askReason')], ask: { kind: 'text', min: 5, max: 1000 } }),
      answer: (answer, data, ctx) => (answer.kind === 'text' ? apply(data, ctx, { note: answer.text }) : { retry: msg('errors.expectedText') }),
    },
    target: {
      prompt: () => ({ lines: [msg('triage.askDuplicateOf')], ask: { kind: 'text', min: 8, max: 20 } }),
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'text') return { retry: msg('errors.expectedText') };
        const code = normalizeTrackingCode(answer.text);
        const kept = code ? await ctx.run(findWasteReport, { code }) : null;
        if (!kept) return { retry: msg('track.notFound') };
        if (kept.id === data.reportId) return { retry: msg('triage.sameReport') };
        if (!OPEN_STATUSES.includes(kept.status as TWasteStatus) && kept.status !== 'resolved') return { retry: msg('triage.keptClosed', { code: kept.code }) };
        return apply(data, ctx, { duplicateOfId: kept.id, note: kept.code });
      },
    },
  },
});
