import { z } from 'zod';
import { getOpenReview, NOMINEE_KINDS } from '../commendation/phase-review.js';
import { createCommendationProposal } from '../commendation/create-commendation-proposal.js';
import { findPhaseReport } from '../commendation/find-phase-report.js';
import { savePhaseReport } from '../commendation/save-phase-report.js';
import { findAwardForm } from '../units/find-award-form.js';
import { listAwardForms } from '../units/list-award-forms.js';
import { campaignOfUnit, ownUnitAnswer, ownUnitPrompt } from './pick-unit.js';
import { defineFlow, type Transition } from './engine/flow.js';
import type { TurnContext } from '../core/turn-context.js';
import { bilingual, concat, msg, reply, verbatim } from '../core/message.js';

const ZData = z.object({
  unitId: z.string().optional(),
  reviewId: z.string().optional(),
  nomineeKind: z.enum(NOMINEE_KINDS).optional(),
  nomineeName: z.string().optional(),
  awardCode: z.string().optional(),
  achievements: z.string().optional(),
  initiative: z.string().optional(),
});
type TData = z.infer<typeof ZData>;

async function afterUnit(ctx: TurnContext, data: TData): Promise<Transition<TData, 'kind' | 'report'>> {
  const review = await ctx.run(getOpenReview, { campaignId: await campaignOfUnit(ctx, data.unitId) });
  if (!review) return { done: true, say: [reply(msg('commendation.noReviewForUnit'))], showMenu: true };
  const report = await ctx.run(findPhaseReport, { reviewId: review.id, unitId: data.unitId! });
  return { next: report ? 'kind' : 'report', data: { ...data, reviewId: review.id } };
}

/**
 * A unit's part in the phase review: its phase report (once), then a commendation proposal —
 * a collective, household or individual, the award form, the achievements and an initiative
 * recognised by the competent authority, if any. Officials accept or return it (/khenthuong).
 */
export const proposalFlow = defineFlow({
  id: 'proposal',
  data: ZData,
  // The proposal is the chosen unit's: its contact must still be one at every step.
  actsFor: { role: 'unit_contact', unit: (data) => data.unitId },
  start: async (_args, ctx) => {
    if (ctx.person.unitIds.length === 0) return { done: true, say: [reply(msg('progress.noUnit'))], showMenu: true };
    if (ctx.person.unitIds.length === 1) return afterUnit(ctx, { unitId: ctx.person.unitIds[0]! });
    return { next: 'unit', data: {} };
  },
  steps: {
    unit: {
      prompt: (_data, ctx) => ownUnitPrompt(ctx),
      answer: (answer, data, ctx) => {
        const unitId = ownUnitAnswer(answer, ctx);
        return unitId ? afterUnit(ctx, { ...data, unitId }) : { retry: msg('errors.chooseOption', { count: ctx.person.unitIds.length }) };
      },
    },
    report: {
      prompt: () => ({ lines: [msg('commendation.askReport')], ask: { kind: 'text', min: 20, max: 4000 } }),
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'text') return { retry: msg('errors.expectedText') };
        await ctx.run(savePhaseReport, { reviewId: data.reviewId!, unitId: data.unitId!, summary: answer.text, personId: ctx.person.id, now: ctx.clock.now() });
        return { next: 'kind', data, say: [reply(msg('commendation.reportSaved'))] };
      },
    },
    kind: {
      prompt: () => ({
        lines: [msg('commendation.askKind')],
        ask: { kind: 'choice', options: NOMINEE_KINDS.map((k) => ({ value: k, label: msg(`commendation.kind.${k}`) })) },
      }),
      answer: (answer, data) =>
        answer.kind === 'choice' && (NOMINEE_KINDS as readonly string[]).includes(answer.value)
          ? { next: 'name', data: { ...data, nomineeKind: answer.value as TData['nomineeKind'] } }
          : { retry: msg('errors.chooseOption', { count: 3 }) },
    },
    name: {
      prompt: () => ({ lines: [msg('commendation.askName')], ask: { kind: 'text', min: 3, max: 200 } }),
      answer: (answer, data) => (answer.kind === 'text' ? { next: 'award', data: { ...data, nomineeName: answer.text } } : { retry: msg('errors.expectedText') }),
    },
    award: {
      prompt: async (data, ctx) => {
        const awards = await ctx.run(listAwardForms, { campaignId: await campaignOfUnit(ctx, data.unitId) });
        return { lines: [msg('commendation.askAward')], ask: { kind: 'choice', options: awards.map((a) => ({ value: a.code, label: bilingual(a.nameVi, a.nameEn) })) } };
      },
      answer: async (answer, data, ctx) => {
        const awards = await ctx.run(listAwardForms, { campaignId: await campaignOfUnit(ctx, data.unitId) });
        if (answer.kind !== 'choice' || !awards.some((a) => a.code === answer.value)) return { retry: msg('errors.chooseOption', { count: awards.length }) };
        return { next: 'achievements', data: { ...data, awardCode: answer.value } };
      },
    },
    achievements: {
      prompt: () => ({ lines: [msg('commendation.askAchievements')], ask: { kind: 'text', min: 20, max: 2000 } }),
      answer: (answer, data) => (answer.kind === 'text' ? { next: 'initiative', data: { ...data, achievements: answer.text } } : { retry: msg('errors.expectedText') }),
    },
    initiative: {
      prompt: () => ({ lines: [msg('commendation.askInitiative')], ask: { kind: 'text', min: 5, max: 1000, shortcuts: [{ value: 'skip', label: msg('common.skip') }] } }),
      answer: (answer, data) => ({ next: 'confirm', data: { ...data, initiative: answer.kind === 'text' ? answer.text : undefined } }),
    },
    confirm: {
      prompt: async (data, ctx) => {
        const award = await ctx.run(findAwardForm, { campaignId: await campaignOfUnit(ctx, data.unitId), code: data.awardCode! });
        return {
          lines: [
            msg('commendation.confirm'),
            concat(msg(`commendation.kind.${data.nomineeKind}`), verbatim(`: ${data.nomineeName}`)),
            award ? bilingual(award.nameVi, award.nameEn) : verbatim(data.awardCode!),
            verbatim(data.achievements!),
            ...(data.initiative ? [concat(msg('commendation.initiative'), verbatim(data.initiative))] : []),
          ],
          ask: { kind: 'choice', columns: 2, options: [{ value: 'save', label: msg('commendation.send') }, { value: 'cancel', label: msg('common.cancel') }] },
        };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'choice' || answer.value !== 'save') return { done: true, say: [reply(msg('common.cancelled'))], showMenu: true };
        if (!ctx.person.unitIds.includes(data.unitId!)) return { done: true, say: [reply(msg('access.denied'))] };
        const review = await ctx.run(getOpenReview, { campaignId: await campaignOfUnit(ctx, data.unitId) });
        if (!review || review.id !== data.reviewId) return { done: true, say: [reply(msg('commendation.noReviewForUnit'))] };
        await ctx.run(createCommendationProposal, {
          reviewId: review.id,
          unitId: data.unitId!,
          nomineeKind: data.nomineeKind!,
          nomineeName: data.nomineeName!,
          awardCode: data.awardCode!,
          achievements: data.achievements!,
          ...(data.initiative ? { initiative: data.initiative } : {}),
          personId: ctx.person.id,
          now: ctx.clock.now(),
        });
        return { done: true, say: [reply(msg('commendation.sent'))], showMenu: true };
      },
    },
  },
});
