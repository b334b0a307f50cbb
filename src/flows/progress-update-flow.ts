import { z } from 'zod';
import { parseMeasureValue, ZMeasureValue } from '../domain/measure-value.js';
import { localDate, selectablePeriods, yearOfPeriod } from '../domain/period.js';
import { findUnit } from '../units/find-unit.js';
import { firstSelectableYear } from '../unit-reporting/first-selectable-year.js';
import { latestProgressUpdate } from '../unit-reporting/latest-progress-update.js';
import { loadCriterion } from '../unit-reporting/load-criterion.js';
import { criteriaForUnit } from '../unit-reporting/criteria-for-unit.js';
import { criterionTitle, periodMsg, targetLine, valueMsg, verdictMsg } from '../unit-reporting/criterion-view.js';
import { recordProgressUpdate, valueOf } from '../unit-reporting/record-progress-update.js';
import type { TChoiceOption } from '../core/ask.js';
import { campaignOfUnit, ownUnitAnswer, ownUnitPrompt } from './pick-unit.js';
import { defineFlow } from './engine/flow.js';
import type { TurnContext } from '../core/turn-context.js';
import { bilingual, concat, msg, reply, verbatim, type TMsg } from '../core/message.js';

const PAGE = 8;
/** Evidence may be a picture, a PDF or an office document. */
export const EVIDENCE_TYPES = [
  'image/*',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
];

const ZData = z.object({
  unitId: z.string().optional(),
  criterionId: z.string().optional(),
  page: z.number().int().nonnegative().default(0),
  period: z.string().optional(),
  value: ZMeasureValue.optional(),
  /** Readings of an ambiguous figure, offered to the contact to pick from. */
  choices: z.array(ZMeasureValue).optional(),
  question: z.string().optional(),
  typed: z.string().optional(),
  note: z.string().optional(),
  evidence: z.object({ channel: z.string(), fileRef: z.string(), mimeType: z.string(), sizeBytes: z.number().optional() }).optional(),
});
type TData = z.infer<typeof ZData>;

/** The chosen criterion; given the period, with the target of its year (its phase's, or none). */
async function criterionOf(ctx: TurnContext, data: TData, period?: string) {
  return data.criterionId ? ctx.run(loadCriterion, { criterionId: data.criterionId, ...(period ? { year: yearOfPeriod(period) } : {}) }) : null;
}

/** The periods a figure may be given for now. */
async function periodsOf(ctx: TurnContext, data: TData): Promise<string[]> {
  const now = ctx.clock.now();
  const campaignId = await campaignOfUnit(ctx, data.unitId);
  const first = await ctx.run(firstSelectableYear, { campaignId, ...(data.criterionId ? { criterionId: data.criterionId } : {}), year: localDate(now).year });
  return selectablePeriods(now, first);
}

/**
 * A quick figure against one criterion: pick the criterion (the unit's lead areas first) and
 * the period, type the value in the criterion's own measure, add a note or evidence, confirm.
 */
export const progressUpdateFlow = defineFlow({
  id: 'progress',
  leftKey: 'flow.leftKeeps.progress',
  data: ZData,
  actsFor: { role: 'unit_contact', unit: (data) => data.unitId },
  start: (_args, ctx) => {
    if (ctx.person.unitIds.length === 0) return { done: true, say: [reply(msg('progress.noUnit'))], showMenu: true };
    if (ctx.person.unitIds.length === 1) return { next: 'criterion', data: { unitId: ctx.person.unitIds[0]!, page: 0 } };
    return { next: 'unit', data: { page: 0 } };
  },
  steps: {
    unit: {
      prompt: (_data, ctx) => ownUnitPrompt(ctx),
      answer: (answer, data, ctx) => {
        const unitId = ownUnitAnswer(answer, ctx);
        return unitId ? { next: 'criterion', data: { ...data, unitId, page: 0 } } : { retry: msg('errors.chooseOption', { count: ctx.person.unitIds.length }) };
      },
    },
    criterion: {
      prompt: async (data, ctx) => {
        const criteria = await ctx.run(criteriaForUnit, { unitId: data.unitId! });
        const page = criteria.slice(data.page * PAGE, (data.page + 1) * PAGE);
        const options: TChoiceOption[] = page.map((c) => ({ value: c.id, label: criterionTitle(c) }));
        if (data.page > 0) options.push({ value: 'prev', label: msg('common.previousPage') });
        if ((data.page + 1) * PAGE < criteria.length) options.push({ value: 'next', label: msg('common.nextPage') });
        return { lines: [msg('progress.chooseCriterion')], ask: { kind: 'choice', options } };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'choice') return { retry: msg('errors.chooseOption', { count: PAGE }) };
        if (answer.value === 'next') return { next: 'criterion', data: { ...data, page: data.page + 1 } };
        if (answer.value === 'prev') return { next: 'criterion', data: { ...data, page: Math.max(0, data.page - 1) } };
        const allowed = await ctx.run(criteriaForUnit, { unitId: data.unitId! });
        if (!allowed.some((c) => c.id === answer.value)) return { retry: msg('errors.chooseOption', { count: PAGE }) };
        return { next: 'period', data: { ...data, criterionId: answer.value } };
      },
    },
    period: {
      prompt: async (data, ctx) => {
        const periods = await periodsOf(ctx, data);
        return {
          lines: [msg('progress.choosePeriod')],
          ask: { kind: 'choice', columns: 2, options: periods.map((p) => ({ value: p, label: periodMsg(p) })) },
        };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'choice' || !(await periodsOf(ctx, data)).includes(answer.value)) {
          return { retry: msg('errors.chooseOption', { count: 2 }) };
        }
        return { next: 'value', data: { ...data, period: answer.value } };
      },
    },
    value: {
      prompt: async (data, ctx) => {
        const c = (await criterionOf(ctx, data, data.period))!;
        const previous = await ctx.run(latestProgressUpdate, { unitId: data.unitId!, criterionId: data.criterionId! });
        const lines: TMsg[] = [criterionTitle(c), concat(msg('progress.periodLabel'), periodMsg(data.period!)), targetLine(c)];
        if (previous) lines.push(concat(msg('progress.previous'), valueMsg(c, valueOf(previous)), verbatim(' '), periodMsg(previous.period)));
        lines.push(verbatim(''), msg(c.rateOfChange ? 'measure.ask.rateOfChange' : `measure.ask.${c.measure}`));
        return { lines, ask: { kind: 'text', min: 1, max: 2000 } };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'text') return { retry: msg('errors.expectedText') };
        const c = (await criterionOf(ctx, data))!;
        const parsed = parseMeasureValue(c.measure as never, answer.text, { allowAbove100: c.allowAbove100, rateOfChange: c.rateOfChange });
        if (parsed.ok === 'ask') return { next: 'valueChoice', data: { ...data, choices: parsed.choices, question: parsed.questionKey, typed: answer.text.trim() } };
        if (!parsed.ok) return { retry: msg(parsed.errorKey, parsed.params) };
        return { next: 'note', data: { ...data, value: parsed.value, choices: undefined } };
      },
    },
    valueChoice: {
      prompt: async (data, ctx) => {
        const c = (await criterionOf(ctx, data))!;
        const choices = data.choices ?? [];
        return {
          lines: [data.question === 'measure.question.percentFraction' || data.question === 'measure.question.large' ? concat(msg(data.question, { input: data.typed ?? '' }), valueMsg(c, choices[0] ?? {}), verbatim('?')) : msg(data.question!, { input: data.typed ?? '' })],
          ask: {
            kind: 'choice',
            options: [...choices.map((v, i) => ({ value: String(i), label: valueMsg(c, v) })), { value: 'retype', label: msg('measure.question.retype') }],
          },
        };
      },
      answer: (answer, data) => {
        if (answer.kind !== 'choice') return { retry: msg('errors.chooseOption', { count: (data.choices?.length ?? 0) + 1 }) };
        if (answer.value === 'retype') return { next: 'value', data: { ...data, choices: undefined } };
        const value = data.choices?.[Number(answer.value)];
        if (!value) return { retry: msg('errors.chooseOption', { count: (data.choices?.length ?? 0) + 1 }) };
        return { next: 'note', data: { ...data, value, choices: undefined } };
      },
    },
    note: {
      prompt: () => ({ lines: [msg('progress.askNote')], ask: { kind: 'text', min: 2, max: 1000, shortcuts: [{ value: 'skip', label: msg('common.skip') }] } }),
      answer: (answer, data) => ({ next: 'evidence', data: { ...data, note: answer.kind === 'text' ? answer.text : undefined } }),
    },
    evidence: {
      prompt: () => ({ lines: [msg('progress.askEvidence')], ask: { kind: 'file', accept: EVIDENCE_TYPES, shortcuts: [{ value: 'skip', label: msg('common.skip') }] } }),
      answer: (answer, data, ctx) => {
        if (answer.kind === 'choice') return { next: 'confirm', data: { ...data, evidence: undefined } };
        if (answer.kind !== 'file') return { retry: msg('errors.expectedFile') };
        const evidence = { channel: ctx.identity.channel, fileRef: answer.fileRef, mimeType: answer.mimeType, ...(answer.sizeBytes !== undefined ? { sizeBytes: answer.sizeBytes } : {}) };
        return { next: 'confirm', data: { ...data, evidence } };
      },
    },
    confirm: {
      prompt: async (data, ctx) => {
        const c = (await criterionOf(ctx, data))!;
        const unit = (await ctx.run(findUnit, { unitId: data.unitId! }))!;
        return {
          lines: [
            msg('progress.confirm'),
            concat(msg('progress.unitLabel'), bilingual(unit.nameVi, unit.nameEn)),
            criterionTitle(c),
            concat(msg('progress.periodLabel'), periodMsg(data.period!)),
            concat(msg('progress.valueLabel'), valueMsg(c, data.value!)),
            ...(data.note ? [concat(msg('progress.noteLabel'), verbatim(data.note))] : []),
            ...(data.evidence ? [msg('progress.withEvidence')] : []),
          ],
          ask: { kind: 'choice', columns: 2, options: [{ value: 'save', label: msg('progress.save') }, { value: 'cancel', label: msg('common.cancel') }] },
        };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'choice' || answer.value !== 'save') return { done: true, say: [reply(msg('common.cancelled'))], showMenu: true };
        // The contact may have been revoked while the dialog was open.
        if (!ctx.person.unitIds.includes(data.unitId!)) return { done: true, say: [reply(msg('access.denied'))] };
        // ...or the criterion handed to another unit (a province-wide indicator has one owner).
        if (!(await ctx.run(criteriaForUnit, { unitId: data.unitId! })).some((x) => x.id === data.criterionId)) return { done: true, say: [reply(msg('access.denied'))] };
        const c = (await criterionOf(ctx, data, data.period))!;
        const { previous } = await ctx.run(recordProgressUpdate, {
          unitId: data.unitId!,
          criterionId: c.id,
          period: data.period!,
          value: data.value!,
          note: data.note,
          evidence: data.evidence,
          submittedById: ctx.person.id,
          now: ctx.clock.now(),
        });
        const lines: TMsg[] = [
          msg('progress.saved'),
          criterionTitle(c),
          concat(periodMsg(data.period!), verbatim(': '), valueMsg(c, data.value!), verbatim(' — '), verdictMsg(c, data.value!)),
          targetLine(c),
        ];
        if (previous) lines.push(concat(msg('progress.replaced'), valueMsg(c, valueOf(previous))));
        return { done: true, say: [reply(...lines)], showMenu: true };
      },
    },
  },
});
