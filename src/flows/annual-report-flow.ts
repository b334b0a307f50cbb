import { z } from 'zod';
import { annualReportLines, loadAnnualReport } from '../annual-report/annual-report-view.js';
import { ensureAnnualReport } from '../annual-report/ensure-annual-report.js';
import { MAX_YEAR, MIN_YEAR, parseYearArg } from '../domain/parse-year-arg.js';
import { MAX_SECTION_CHARS, readSectionData } from '../annual-report/report-section-data.js';
import { saveReportSection } from '../annual-report/save-report-section.js';
import { submitAnnualReport } from '../annual-report/submit-annual-report.js';
import { canReopenAnnualReport } from '../annual-report/can-reopen-annual-report.js';
import { findAnnualReport } from '../annual-report/find-annual-report.js';
import { findReportSection } from '../annual-report/find-report-section.js';
import { reopenAnnualReport } from '../annual-report/reopen-annual-report.js';
import { campaignButton } from '../core/campaigns.js';
import { listAwardForms } from '../units/list-award-forms.js';
import { formatDateTime } from '../domain/format-date.js';
import { formatMeasureValue, LARGE_FIGURE, parseMeasureValue } from '../domain/measure-value.js';
import { localDate } from '../domain/period.js';
import { notifyOfficials } from '../people/notify-officials.js';
import { campaignOfUnit, ownUnitAnswer, ownUnitPrompt } from './pick-unit.js';
import type { TChoiceOption } from '../core/ask.js';
import { defineFlow, type Transition } from './engine/flow.js';
import type { TurnContext } from '../core/turn-context.js';
import { bilingual, concat, msg, reply, verbatim, type TMsg } from '../core/message.js';

const ZData = z.object({
  /** Empty only while a contact of several units chooses which unit's report to open. */
  reportId: z.string(),
  /** The year asked for, kept while the unit is chosen. */
  year: z.number().int().optional(),
  sectionCode: z.string().optional(),
  /** When the section being edited was last saved, as the contact saw it. */
  seenAt: z.string().nullable().optional(),
  /** Editing one section from the review: go back to the review afterwards. */
  editing: z.boolean().default(false),
});
type TData = z.infer<typeof ZData>;

async function sectionState(ctx: TurnContext, reportId: string, code: string) {
  return ctx.run(findReportSection, { reportId, sectionCode: code });
}

/** The campaign of the report's unit (see campaignOfUnit): its award forms and its deadline are that campaign's. */
async function campaignOfReport(ctx: TurnContext, reportId: string): Promise<string> {
  return campaignOfUnit(ctx, (await ctx.run(findAnnualReport, { reportId }))?.unitId);
}

async function goToSection(ctx: TurnContext, data: TData, code: string, say?: TMsg[]): Promise<Transition<TData, 'section'>> {
  const section = await sectionState(ctx, data.reportId, code);
  return {
    next: 'section',
    data: { ...data, sectionCode: code, seenAt: section ? section.updatedAt.toISOString() : null },
    ...(say ? { say: [reply(...say)] } : {}),
  };
}

/** The first section still to write, or the review when every section is done. */
async function nextUnanswered(ctx: TurnContext, data: TData): Promise<Transition<TData, 'section' | 'review'>> {
  if (data.editing) return { next: 'review', data: { ...data, editing: false } };
  const loaded = (await ctx.run(loadAnnualReport, { reportId: data.reportId }))!;
  for (const def of loaded.definitions) {
    const section = loaded.report.sections.find((s) => s.sectionCode === def.code);
    if (!section || !section.content.trim() || !readSectionData(section.dataJson).confirmed) return goToSection(ctx, data, def.code);
  }
  return { next: 'review', data };
}

/** Opens the unit's report of `year` (made on first use) where it stands. */
async function openReport(ctx: TurnContext, unitId: string, year: number): Promise<Transition<TData, 'section' | 'review' | 'submitted'>> {
  const report = await ctx.run(ensureAnnualReport, { unitId, year, now: ctx.clock.now() });
  const data: TData = { reportId: report.id, editing: false };
  if (report.state === 'submitted' || report.state === 'accepted') return { next: 'submitted', data };
  if (report.state === 'returned') return { next: 'review', data };
  return nextUnanswered(ctx, data);
}

const later = (): Transition<TData, never> => ({ done: true, say: [reply(msg('annual.savedForLater'))], showMenu: true });

/**
 * The annual report, one section at a time. Each answer is saved at once, so leaving and
 * coming back (days later, after a restart) resumes at the next unanswered section.
 */
export const annualReportFlow = defineFlow({
  id: 'annual',
  leftKey: 'flow.leftKeeps.annual',
  data: ZData,
  actsFor: {
    role: 'unit_contact',
    unit: async (data, ctx) => (data.reportId ? ((await ctx.run(findAnnualReport, { reportId: data.reportId }))?.unitId ?? null) : undefined),
  },
  start: async (args, ctx) => {
    if (!ctx.person.unitIds.length) return { done: true, say: [reply(msg('progress.noUnit'))], showMenu: true };
    const asked = parseYearArg(args.split(/\s+/));
    if (asked.kind === 'invalid') {
      return { done: true, say: [reply(msg('errors.yearOutOfRange', { min: MIN_YEAR, max: MAX_YEAR, example: localDate(ctx.clock.now()).year }))] };
    }
    const year = asked.kind === 'year' ? asked.year : localDate(ctx.clock.now()).year;
    // A contact of several units (in one movement or in several) says whose report this is.
    if (ctx.person.unitIds.length > 1) return { next: 'unit', data: { reportId: '', year, editing: false } };
    return openReport(ctx, ctx.person.unitIds[0]!, year);
  },
  steps: {
    unit: {
      prompt: (_data, ctx) => ownUnitPrompt(ctx, msg('annual.chooseUnit')),
      answer: async (answer, data, ctx) => {
        const unitId = ownUnitAnswer(answer, ctx);
        if (!unitId) return { retry: msg('errors.chooseOption', { count: ctx.person.unitIds.length }) };
        return openReport(ctx, unitId, data.year ?? localDate(ctx.clock.now()).year);
      },
    },
    section: {
      prompt: async (data, ctx) => {
        const loaded = (await ctx.run(loadAnnualReport, { reportId: data.reportId }))!;
        const index = loaded.definitions.findIndex((d) => d.code === data.sectionCode);
        const def = loaded.definitions[index]!;
        const section = loaded.report.sections.find((s) => s.sectionCode === def.code);
        const lines: TMsg[] = [
          msg('annual.sectionProgress', { index: index + 1, total: loaded.definitions.length }),
          bilingual(def.titleVi, def.titleEn),
          bilingual(def.promptVi, def.promptEn),
          msg('annual.limit', { max: MAX_SECTION_CHARS }),
        ];
        const shortcuts: TChoiceOption[] = [];
        if (section?.content.trim()) {
          const prefilled = !readSectionData(section.dataJson).confirmed;
          lines.push(verbatim(''), msg(prefilled ? 'annual.prefilled' : 'annual.current'), verbatim(section.content));
          shortcuts.push({ value: 'keep', label: msg('annual.keep') });
        }
        shortcuts.push({ value: 'later', label: msg('annual.later') });
        return { lines, ask: { kind: 'text', min: 10, max: MAX_SECTION_CHARS, shortcuts } };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind === 'choice' && answer.value === 'later') return later();
        if (answer.kind !== 'text' && !(answer.kind === 'choice' && answer.value === 'keep')) return { retry: msg('errors.expectedText') };
        const result = await ctx.run(saveReportSection, {
          reportId: data.reportId,
          sectionCode: data.sectionCode!,
          ...(answer.kind === 'text' ? { content: answer.text } : {}),
          data: { confirmed: true },
          seenAt: data.seenAt ? new Date(data.seenAt) : null,
          personId: ctx.person.id,
          now: ctx.clock.now(),
        });
        if (!result.ok) {
          // Someone else saved this section meanwhile: show theirs and ask again.
          return goToSection(ctx, data, data.sectionCode!, [msg('annual.conflict')]);
        }
        if (data.sectionCode === 'thrift') return { next: 'savings', data };
        if (data.sectionCode === 'commendation') return { next: 'award', data };
        return nextUnanswered(ctx, data);
      },
    },
    savings: {
      prompt: async (data, ctx) => {
        const section = await sectionState(ctx, data.reportId, 'thrift');
        const current = section ? readSectionData(section.dataJson).savingsVnd : undefined;
        const lines: TMsg[] = [msg('annual.askSavings')];
        if (current !== undefined) {
          const f = formatMeasureValue('money', { number: current });
          lines.push(concat(msg('annual.savings'), bilingual(f.vi, f.en)));
        }
        return {
          lines,
          ask: { kind: 'text', min: 1, max: 40, shortcuts: current !== undefined ? [{ value: 'keep', label: msg('annual.keep') }] : [{ value: 'skip', label: msg('common.skip') }] },
        };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind === 'text') {
          const parsed = parseMeasureValue('money', answer.text);
          // An amount too small to be meant in đồng is asked again with its unit; one larger than
          // any unit's savings, again after a look at its digits.
          if (parsed.ok === 'ask') {
            return { retry: parsed.questionKey === 'measure.question.large' ? msg('measure.error.moneyTooLarge', { max: LARGE_FIGURE.money.ask / 1e9 }) : msg('measure.error.moneyUnit') };
          }
          if (!parsed.ok) return { retry: msg(parsed.errorKey, parsed.params) };
          const section = (await sectionState(ctx, data.reportId, 'thrift'))!;
          await ctx.run(saveReportSection, { reportId: data.reportId, sectionCode: 'thrift', data: { savingsVnd: parsed.value.number! }, seenAt: section.updatedAt, personId: ctx.person.id, now: ctx.clock.now() });
        }
        return nextUnanswered(ctx, data);
      },
    },
    award: {
      prompt: async (data, ctx) => {
        const awards = await ctx.run(listAwardForms, { campaignId: await campaignOfReport(ctx, data.reportId) });
        return {
          lines: [msg('annual.askAward')],
          ask: { kind: 'choice', options: [...awards.map((a) => ({ value: a.code, label: bilingual(a.nameVi, a.nameEn) })), { value: 'none', label: msg('annual.noAward') }] },
        };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'choice') return { retry: msg('errors.chooseOption', { count: 5 }) };
        const section = (await sectionState(ctx, data.reportId, 'commendation'))!;
        await ctx.run(saveReportSection, {
          reportId: data.reportId,
          sectionCode: 'commendation',
          data: answer.value === 'none' ? { awardForm: undefined } : { awardForm: answer.value },
          seenAt: section.updatedAt,
          personId: ctx.person.id,
          now: ctx.clock.now(),
        });
        return nextUnanswered(ctx, data);
      },
    },
    review: {
      prompt: async (data, ctx) => {
        const loaded = (await ctx.run(loadAnnualReport, { reportId: data.reportId }))!;
        return {
          lines: [...annualReportLines(loaded), verbatim(''), msg('annual.reviewQuestion')],
          ask: {
            kind: 'choice',
            options: [
              { value: 'submit', label: msg('annual.submit') },
              { value: 'edit', label: msg('annual.edit') },
              { value: 'later', label: msg('annual.later') },
            ],
          },
        };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'choice' || answer.value === 'later') return later();
        if (answer.value === 'edit') return { next: 'pickSection', data };
        const result = await ctx.run(submitAnnualReport, { reportId: data.reportId, personId: ctx.person.id, now: ctx.clock.now() });
        if (!result.ok) {
          if (result.reason === 'incomplete') return nextUnanswered(ctx, data);
          return { done: true, say: [reply(msg('annual.notSubmittable'))], showMenu: true };
        }
        const submitted = (await ctx.run(findAnnualReport, { reportId: data.reportId }))!;
        await notifyOfficials(
          ctx,
          submitted.unit.campaignId,
          {
            lines: [
              concat(verbatim('📄 '), bilingual(submitted.unit.nameVi, submitted.unit.nameEn), msg(result.version > 1 ? 'annual.toBoard.resubmitted' : 'annual.toBoard.submitted', { year: submitted.year, number: result.number })),
            ],
            buttons: [[campaignButton(ctx.campaigns, submitted.unit.campaignId, msg('annual.toBoard.open'), 'xembaocao', submitted.unit.code, submitted.year)]],
          },
          `annual-submitted:${submitted.id}:${result.version}`,
        );
        return {
          done: true,
          say: [reply(msg('annual.receipt'), msg('annual.receiptNumber', { number: result.number }), msg('annual.receiptTime', { time: formatDateTime(result.submittedAt) }), msg('annual.receiptNext'))],
          showMenu: true,
        };
      },
    },
    pickSection: {
      prompt: async (data, ctx) => {
        const loaded = (await ctx.run(loadAnnualReport, { reportId: data.reportId }))!;
        return {
          lines: [msg('annual.pickSection')],
          ask: { kind: 'choice', options: loaded.definitions.map((d, i) => ({ value: d.code, label: concat(verbatim(`${i + 1}. `), bilingual(d.titleVi, d.titleEn)) })) },
        };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'choice') return { retry: msg('errors.chooseOption', { count: 6 }) };
        return goToSection(ctx, { ...data, editing: true }, answer.value);
      },
    },
    submitted: {
      prompt: async (data, ctx) => {
        const loaded = (await ctx.run(loadAnnualReport, { reportId: data.reportId }))!;
        const reopen = loaded.report.state === 'submitted' && (await ctx.run(canReopenAnnualReport, { campaignId: await campaignOfReport(ctx, data.reportId), year: loaded.report.year, now: ctx.clock.now() }));
        return {
          lines: [...annualReportLines(loaded), verbatim(''), msg(reopen ? 'annual.canReopen' : 'annual.locked')],
          ask: {
            kind: 'choice',
            options: [...(reopen ? [{ value: 'reopen', label: msg('annual.reopen') }] : []), { value: 'close', label: msg('annual.close') }],
          },
        };
      },
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'choice' || answer.value !== 'reopen') return { done: true, say: [], showMenu: true };
        const reopened = await ctx.run(reopenAnnualReport, { reportId: data.reportId, campaignId: await campaignOfReport(ctx, data.reportId), personId: ctx.person.id, now: ctx.clock.now() });
        if (!reopened) return { retry: msg('annual.locked') };
        return { next: 'review', data, say: [reply(msg('annual.reopened'))] };
      },
    },
  },
});
