import { activeUnitContacts } from '../people/active-unit-contacts.js';
import { commandButton } from '../core/command-button.js';
import type { TurnContext } from '../core/turn-context.js';
import { concat, msg, verbatim } from '../core/message.js';
import { decideAnnualReport, type ReviewDecision } from './decide-annual-report.js';

/**
 * The board's decision on a submitted report: returned for correction (with the reason the
 * contacts are told) or accepted. Only a submitted report can be decided on.
 */
export async function reviewAnnualReport(ctx: Pick<TurnContext, 'run' | 'clock' | 'notify' | 'person' | 'campaignId'>, reportId: string, decision: ReviewDecision) {
  const report = await ctx.run(decideAnnualReport, { reportId, campaignId: ctx.campaignId, decision, personId: ctx.person.id, now: ctx.clock.now() });
  if (!report) return { ok: false as const };
  for (const personId of await ctx.run(activeUnitContacts, { unitId: report.unitId })) {
    await ctx.notify(
      personId,
      decision.action === 'return'
        ? {
            lines: [msg('annual.returnedNotice', { year: report.year }), concat(msg('annual.returnReason'), verbatim(decision.reason))],
            buttons: [[commandButton(msg('annual.fix'), 'baocao', report.year)]],
          }
        : { lines: [msg('annual.acceptedNotice', { year: report.year, number: report.number ?? '' })] },
      `annual-review:${report.id}:${report.version}:${decision.action}:${personId}`,
    );
  }
  return { ok: true as const, report };
}
