import { isYearWord, parseYearArg } from '../domain/parse-year-arg.js';
import { localDate, yearSpans } from '../domain/period.js';
import { bilingual, concat, msg, verbatim, type TMsg } from '../core/message.js';
import { loadYearCatalogue } from '../reports/load-year-catalogue.js';
import { summarizeYear } from '../reports/year-summary.js';
import { criterionTitle, targetLine, valueMsg } from '../unit-reporting/criterion-view.js';
import { statusLabel } from '../waste/waste-report-view.js';
import { findAreaScope } from '../campaign/find-area-scope.js';
import { findUnitOfCampaign } from '../units/find-unit-of-campaign.js';
import { findUnitsOfYear } from '../units/find-units-of-year.js';
import { campaignButton } from '../core/campaigns.js';
import { defineCommand } from './command.js';
import { yearOutOfRangeReply } from './year-replies.js';

/** The word that reads a past year's figures as today's units' (Vietnamese, English). */
const TODAY_WORDS = ['nay', 'now'];

/**
 * /tonghop [year] [UNIT|AREA] [nay]: the year at a glance, readable on a phone. A past year is
 * shown with the units of its time; `nay` (`now`) rolls its figures up into today's units.
 */
export const summaryCommand = defineCommand({
  names: ['tonghop', 'summary'],
  allow: ['official'],
  namesCampaign: 'reads',
  descriptionKey: 'commands.summary',
  menuLabelKey: 'menu.summary',
  run: async (args, ctx) => {
    const words = args.split(/\s+/).filter(Boolean);
    const asked = parseYearArg(words);
    if (asked.kind === 'invalid') return { replies: [yearOutOfRangeReply(ctx.clock.now())] };
    const year = asked.kind === 'year' ? asked.year : localDate(ctx.clock.now()).year;
    const today = words.some((w) => TODAY_WORDS.includes(w.toLowerCase()));
    const scopeWord = words.find((w) => !isYearWord(w) && !TODAY_WORDS.includes(w.toLowerCase()));
    let unitIds: string[] | undefined;
    let criterionIds: string[] | undefined;
    let scope: TMsg = msg('summary.province');
    if (scopeWord) {
      // Today's unit first; a code that has since ended is looked up among the year's campaigns.
      let unit = await ctx.run(findUnitOfCampaign, { campaignId: ctx.campaignId, code: scopeWord });
      if (!unit) {
        const { campaignIds } = await ctx.run(findUnitsOfYear, { campaignId: ctx.campaignId, year });
        for (const campaignId of campaignIds.filter((id) => id !== ctx.campaignId)) unit ??= await ctx.run(findUnitOfCampaign, { campaignId, code: scopeWord });
      }
      const area = unit ? null : await ctx.run(findAreaScope, { campaignId: ctx.campaignId, code: scopeWord });
      if (unit) {
        unitIds = [unit.id];
        scope = bilingual(unit.nameVi, unit.nameEn);
      } else if (area) {
        unitIds = area.leads.map((l) => l.unitId);
        criterionIds = area.criteria.map((c) => c.id);
        scope = bilingual(area.nameVi, area.nameEn);
      } else {
        return { replies: [{ lines: [msg('summary.unknownScope', { scope: scopeWord })] }] };
      }
    }
    const catalogue = await ctx.run(loadYearCatalogue, { campaignId: ctx.campaignId, year });
    const s = await ctx.run(summarizeYear, { campaignId: ctx.campaignId, year, catalogue, ...(unitIds ? { unitIds } : {}), ...(criterionIds ? { criterionIds } : {}), ...(today ? { today } : {}) });
    const head: TMsg[] = [concat(msg('summary.title', { year }), scope)];
    if (s.today) head.push(msg('summary.rolledUp', { year }));
    else if (s.historical) head.push(msg('summary.unitsOfTheTime', { year }));
    head.push(msg('summary.submissions', { done: s.submitted.length, total: s.units, onTime: s.submitted.filter((x) => x.onTime).length }));
    if (s.missing.length) head.push(concat(msg('summary.missing'), verbatim(s.missing.slice(0, 20).join(', ') + (s.missing.length > 20 ? '…' : ''))));
    const criteria: TMsg[] = [msg('summary.criteria')];
    // Criteria nobody has reported on are named together at the end, not a line each: on a
    // phone forty lines of "no figures yet" hide the ones that have figures.
    const withoutFigures: TMsg[] = [];
    for (const c of s.criteria) {
      const k = c.criterion;
      const byOwner = k.scope === 'province' && c.owner ? [verbatim(' '), msg('summary.reportedByOwner', { owner: c.owner })] : [];
      if (!c.value && !c.share) {
        // Figures without their weight are not averaged as if they weighed the same.
        if (c.unweighted) criteria.push(concat(verbatim('• '), criterionTitle(k), verbatim(': '), msg('summary.reportedBy', { count: c.reported }), verbatim('; '), msg('summary.unweighted', { count: c.unweighted })));
        else withoutFigures.push(concat(criterionTitle(k), ...byOwner));
        if (c.notRolledUp) criteria.push(concat(verbatim('   '), criterionTitle(k), verbatim(': '), msg('summary.notRolledUp', { count: c.notRolledUp })));
        continue;
      }
      const parts: TMsg[] = [verbatim('• '), criterionTitle(k), verbatim(': ')];
      if (k.measure === 'text' || k.rollup === 'count_reported') parts.push(msg('summary.reportedBy', { count: c.reported }));
      else {
        if (c.share) parts.push(msg('summary.shareMet', { met: c.share.met, of: c.share.of }));
        else parts.push(valueMsg(k, c.value!));
        if (c.judged) parts.push(verbatim(', '), msg('measure.basis.cumulative', { from: k.fromYear ?? '', to: year }), verbatim(' '), valueMsg(k, c.judged));
        parts.push(verbatim(' — '), c.verdict === 'incomplete' ? msg('measure.verdict.incomplete', { years: yearSpans(c.missingYears ?? []) }) : msg(`measure.verdict.${c.verdict}`));
        if (k.scope === 'province') parts.push(...byOwner);
        else parts.push(verbatim(' '), msg('summary.units', { count: c.reported }));
      }
      if (c.best && c.lagging) {
        parts.push(verbatim('; '), msg('summary.best'), verbatim(`${c.best.name} `), valueMsg(k, c.best.value), verbatim('; '), msg('summary.lagging'), verbatim(`${c.lagging.name} `), valueMsg(k, c.lagging.value));
      }
      criteria.push(concat(...parts));
      if (k.hasTargets && k.measure !== 'text' && k.rollup !== 'count_reported') criteria.push(concat(verbatim('   '), targetLine(k)));
      if (c.notCounted) criteria.push(concat(verbatim('   '), msg('summary.notCounted', { count: c.notCounted })));
      if (c.unweighted) criteria.push(concat(verbatim('   '), msg('summary.unweighted', { count: c.unweighted })));
      if (c.notRolledUp) criteria.push(concat(verbatim('   '), msg('summary.notRolledUp', { count: c.notRolledUp })));
      const note = k.targetNoteVi ? bilingual(k.targetNoteVi, k.targetNoteEn ?? k.targetNoteVi) : k.noteVi ? bilingual(k.noteVi, k.noteEn ?? k.noteVi) : null;
      if (note) criteria.push(concat(verbatim('   '), msg('summary.note'), note));
    }
    if (withoutFigures.length === s.criteria.length && withoutFigures.length) criteria.push(msg('summary.noFiguresAtAll', { count: withoutFigures.length }));
    else if (withoutFigures.length) criteria.push(concat(verbatim('▫️ '), msg('summary.withoutFigures', { count: withoutFigures.length }), ...withoutFigures.flatMap((m, i) => [verbatim(i ? '; ' : ''), m])));
    const total = Object.values(s.reportsByStatus).reduce((a, b) => a + b, 0);
    const citizen: TMsg[] = [msg('summary.citizenReports', { count: total })];
    if (total) {
      citizen.push(concat(...Object.entries(s.reportsByStatus).flatMap(([status, n], i) => [verbatim(i ? '; ' : '• '), statusLabel(status), verbatim(`: ${n}`)])));
      citizen.push(concat(verbatim('• '), verbatim(s.reportsByCategory.slice(0, 5).map((c) => `${c.name}: ${c.count}`).join('; '))));
      citizen.push(s.medianHandlingDays === null ? msg('summary.noneResolved') : msg('summary.medianDays', { days: Math.round(s.medianHandlingDays * 10) / 10 }));
    }
    const candidates: TMsg[] = [msg('summary.candidates'), concat(msg('summary.suggestionRule'), bilingual(s.suggestionRule.descriptionVi, s.suggestionRule.descriptionEn), verbatim('.'))];
    if (!s.candidates.length) candidates.push(msg('summary.noCandidates'));
    for (const c of s.candidates) candidates.push(verbatim(`• ${c.name}${c.award ? ` — ${c.award}` : ''}`));
    // What an official does next with the year: its charts, its workbook, who is late.
    const button = (label: string, name: 'bieudo' | 'xuat' | 'quahan', ...more: number[]) => campaignButton(ctx.campaigns, ctx.campaignId, msg(label), name, ...more);
    const next = [[button('menu.chart', 'bieudo', year), button('menu.export', 'xuat', year)], ...(ctx.campaigns.byId(ctx.campaignId)?.archived ? [] : [[button('menu.overdue', 'quahan')]])];
    return { replies: [{ lines: head }, { lines: criteria }, { lines: [...citizen, verbatim(''), ...candidates], buttons: next }] };
  },
});

