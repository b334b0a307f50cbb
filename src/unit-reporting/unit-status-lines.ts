import { loadTargetsForYear, withTargetOf } from '../campaign/criterion-targets.js';
import { getCampaignSchedule } from '../campaign/get-campaign-schedule.js';
import { formatDay } from '../domain/format-date.js';
import { localDate } from '../domain/period.js';
import { upcomingDue } from '../cycles/reporting-calendar.js';
import type { TurnContext } from '../core/turn-context.js';
import { bilingual, concat, msg, verbatim, type TMsg } from '../core/message.js';
import { criteriaForUnit } from './criteria-for-unit.js';
import { criterionTitle, periodMsg, valueMsg, verdictMsg } from './criterion-view.js';
import { valueOf } from './record-progress-update.js';

/** What is due next for a unit: the cycles of its kind with their dates, and the report's state. */
export async function unitDueLines(ctx: Pick<TurnContext, 'tx' | 'clock' | 'campaignId'>, unitId: string): Promise<TMsg[]> {
  const unit = await ctx.tx.unit.findUniqueOrThrow({ where: { id: unitId }, include: { kind: true } });
  const now = ctx.clock.now();
  const due = upcomingDue(await getCampaignSchedule(ctx.tx, ctx.campaignId), unit.kind.code, now);
  const lines: TMsg[] = [msg('status.dueTitle')];
  for (const item of due) {
    const report = item.kind === 'annual_report' ? await ctx.tx.annualReport.findUnique({ where: { unitId_year: { unitId, year: Number(item.period) } } }) : null;
    lines.push(
      concat(
        verbatim('• '),
        bilingual(item.nameVi, item.nameEn),
        verbatim(' ('),
        periodMsg(item.period),
        verbatim('): '),
        msg('status.dueBy', { date: formatDay(new Date(item.dueAt.getTime() - 1)) }),
        ...(item.kind === 'annual_report' ? [verbatim(' — '), msg(`annual.state.${report?.state ?? 'none'}`)] : []),
      ),
    );
  }
  if (due.length === 0) lines.push(msg('status.nothingDue'));
  return lines;
}

/** A unit's figures for the current year against targets, criterion by criterion. */
export async function unitFigureLines(ctx: Pick<TurnContext, 'tx' | 'clock'>, unitId: string): Promise<TMsg[]> {
  const year = localDate(ctx.clock.now()).year;
  const unit = await ctx.tx.unit.findUniqueOrThrow({ where: { id: unitId }, select: { campaignId: true } });
  const targets = await loadTargetsForYear(ctx.tx, unit.campaignId, year);
  const criteria = (await criteriaForUnit(ctx.tx, { unitId })).map((c) => withTargetOf(c, targets));
  const updates = await ctx.tx.progressUpdate.findMany({ where: { unitId, year, supersededAt: null }, orderBy: [{ period: 'desc' }, { createdAt: 'desc' }] });
  const lines: TMsg[] = [msg('status.figuresTitle', { year })];
  let reported = 0;
  for (const c of criteria) {
    const u = updates.find((x) => x.criterionId === c.id);
    if (!u) {
      lines.push(concat(verbatim('▫️ '), criterionTitle(c), verbatim(': '), msg('status.noData')));
      continue;
    }
    reported++;
    lines.push(concat(verbatim('• '), criterionTitle(c), verbatim(': '), valueMsg(c, valueOf(u)), verbatim(' ('), periodMsg(u.period), verbatim(') — '), verdictMsg(c, valueOf(u))));
  }
  lines.splice(1, 0, msg('status.coverage', { reported, total: criteria.length }));
  return lines;
}
