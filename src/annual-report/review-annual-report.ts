import { recordAudit } from '../audit/record-audit.js';
import type { TurnContext } from '../core/turn-context.js';
import { concat, msg, verbatim } from '../core/message.js';

export type ReviewDecision = { action: 'return'; reason: string } | { action: 'accept' };

/**
 * The board's decision on a submitted report: returned for correction (with the reason the
 * contacts are told) or accepted. Only a submitted report can be decided on.
 */
export async function reviewAnnualReport(ctx: Pick<TurnContext, 'tx' | 'clock' | 'notify' | 'person'>, reportId: string, decision: ReviewDecision) {
  const now = ctx.clock.now();
  const report = await ctx.tx.annualReport.findUnique({ where: { id: reportId }, include: { unit: true } });
  if (!report) return { ok: false as const };
  const { count } = await ctx.tx.annualReport.updateMany({
    where: { id: report.id, state: 'submitted', version: report.version },
    data: decision.action === 'return' ? { state: 'returned', returnReason: decision.reason } : { state: 'accepted' },
  });
  if (count !== 1) return { ok: false as const };
  await recordAudit(ctx.tx, {
    actorId: ctx.person.id,
    action: `annual_report.${decision.action}`,
    subjectType: 'annual_report',
    subjectId: report.id,
    details: decision.action === 'return' ? { reason: decision.reason, version: report.version } : { version: report.version },
    at: now,
  });
  const contacts = await ctx.tx.roleAssignment.findMany({ where: { role: 'unit_contact', unitId: report.unitId, revokedAt: null } });
  for (const contact of contacts) {
    await ctx.notify(
      contact.personId,
      decision.action === 'return'
        ? {
            lines: [msg('annual.returnedNotice', { year: report.year }), concat(msg('annual.returnReason'), verbatim(decision.reason))],
            buttons: [[{ label: msg('annual.fix'), data: `m:baocao ${report.year}` }]],
          }
        : { lines: [msg('annual.acceptedNotice', { year: report.year, number: report.number ?? '' })] },
      `annual-review:${report.id}:${report.version}:${decision.action}:${contact.personId}`,
    );
  }
  return { ok: true as const, report };
}
