import { formatDay } from '../domain/format-date.js';
import { localDate } from '../domain/period.js';
import type { TurnContext } from '../core/turn-context.js';
import { bilingual, concat, msg, verbatim, type TMsg } from '../core/message.js';
import { criterionTitle, periodMsg, valueMsg, verdictMsg } from './criterion-view.js';
import { loadUnitDue } from './load-unit-due.js';
import { loadUnitFigures } from './load-unit-figures.js';
import { valueOf } from './record-progress-update.js';

/** What is due next for a unit: the cycles of its kind with their dates, and the report's state. */
export async function unitDueLines(ctx: Pick<TurnContext, 'run' | 'clock'>, unitId: string): Promise<TMsg[]> {
  const due = await ctx.run(loadUnitDue, { unitId, now: ctx.clock.now() });
  const lines: TMsg[] = [msg('status.dueTitle')];
  for (const item of due) {
    lines.push(
      concat(
        verbatim('• '),
        bilingual(item.nameVi, item.nameEn),
        verbatim(' ('),
        periodMsg(item.period),
        verbatim('): '),
        msg('status.dueBy', { date: formatDay(new Date(item.dueAt.getTime() - 1)) }),
        ...(item.kind === 'annual_report' ? [verbatim(' — '), msg(`annual.state.${item.annualReportState ?? 'none'}`)] : []),
      ),
    );
  }
  if (due.length === 0) lines.push(msg('status.nothingDue'));
  return lines;
}

/** A unit's figures for the current year against targets, criterion by criterion. */
export async function unitFigureLines(ctx: Pick<TurnContext, 'run' | 'clock'>, unitId: string): Promise<TMsg[]> {
  const year = localDate(ctx.clock.now()).year;
  const { criteria, updates } = await ctx.run(loadUnitFigures, { unitId, year });
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
