import { activeUnitContacts } from '../people/active-unit-contacts.js';
import { recordAudit } from '../audit/record-audit.js';
import { consolidatedList, getOpenReview, openPhaseReview, reviewProposal } from '../commendation/phase-review.js';
import { bilingual, concat, msg, verbatim, type TButton, type TMsg } from '../core/message.js';
import { campaignButton, namingCampaign } from '../core/campaigns.js';
import { findPhaseByCode } from '../campaign/find-phase-by-code.js';
import { storeConsolidatedList } from '../commendation/store-consolidated-list.js';
import { defineCommand } from './command.js';

/**
 * /khenthuong: the phase review (section V of the plan: sơ kết 2025, tổng kết 2030).
 * `mo P1` opens it; without arguments, where it stands and the proposals waiting, each with
 * accept and return buttons; `duyet ID` accepts, `tra ID lý do` returns with a reason;
 * `danhsach` sends the consolidated list as a CSV file.
 */
/** A return reason goes to the unit: as long as a triage reason may be. */
const REASON_MAX = 1000;

export const commendationCommand = defineCommand({
  names: ['khenthuong', 'commendation'],
  allow: ['official'],
  namesCampaign: 'writes',
  descriptionKey: 'commands.commendation',
  run: async (args, ctx) => {
    const [verb = '', id = '', ...rest] = args.trim().split(/\s+/);
    const now = ctx.clock.now();
    if (/^(mo|open)$/i.test(verb)) {
      if (!id) return { replies: [{ lines: [msg('commendation.askPhase')] }] };
      const opened = await ctx.run(openPhaseReview, { campaignId: ctx.campaignId, phaseCode: id.toUpperCase(), personId: ctx.person.id, now });
      if (!opened.ok) return { replies: [{ lines: [msg(`commendation.${opened.reason}`, { phase: id })] }] };
      await ctx.run(recordAudit, { actorId: ctx.person.id, action: 'phase_review.open', subjectType: 'phase_review', subjectId: opened.reviewId, at: now });
      return { replies: [{ lines: [concat(msg('commendation.opened'), bilingual(opened.phase.nameVi, opened.phase.nameEn))] }] };
    }
    const review = await ctx.run(getOpenReview, { campaignId: ctx.campaignId });
    if (!review) return { replies: [{ lines: [msg('commendation.noReview')] }] };
    if (/^(duyet|accept|tra|return)$/i.test(verb)) {
      const accept = /^(duyet|accept)$/i.test(verb);
      const reason = rest.join(' ').trim();
      // The command to type names the campaign, as the button did: it may be typed in another.
      if (!accept && reason.length < 5) return { replies: [{ lines: [msg('commendation.needReason', { id: [id, ...namingCampaign(ctx.campaigns, ctx.campaignId)].join(' ') })] }] };
      if ([...reason].length > REASON_MAX) return { replies: [{ lines: [msg('errors.textTooLong', { max: REASON_MAX, count: [...reason].length })] }] };
      const result = await ctx.run(reviewProposal, { proposalId: id, campaignId: ctx.campaignId, decision: accept ? 'accept' : 'return', reason, personId: ctx.person.id, now });
      if (!result.ok) return { replies: [{ lines: [msg(`commendation.${result.reason}`)] }] };
      await ctx.run(recordAudit, { actorId: ctx.person.id, action: accept ? 'proposal.accept' : 'proposal.return', subjectType: 'commendation_proposal', subjectId: id, at: now });
      if (!accept) {
        // The Board's reason is for the unit: its contacts now, not whoever sent the proposal
        // (who may have been revoked since).
        for (const personId of await ctx.run(activeUnitContacts, { unitId: result.unitId })) {
          await ctx.notify(personId, { lines: [msg('commendation.returnedToUnit', { reason })] }, `proposal-return:${id}:${now.getTime()}:${personId}`);
        }
      }
      return { replies: [{ lines: [msg(accept ? 'commendation.accepted' : 'commendation.returned')] }] };
    }
    const { rows, reportedUnits } = await ctx.run(consolidatedList, { reviewId: review.id });
    const phase = await ctx.run(findPhaseByCode, { campaignId: ctx.campaignId, code: review.phaseCode });
    if (/^(danhsach|list)$/i.test(verb)) {
      const accepted = rows.filter((r) => r.accepted);
      const file = await ctx.run(storeConsolidatedList, { rows: accepted });
      const lines: TMsg[] = [concat(msg('commendation.listTitle', { count: accepted.length }), bilingual(phase.nameVi, phase.nameEn))];
      accepted.slice(0, 30).forEach((r, i) => lines.push(verbatim(`${i + 1}. ${r.award} — ${r.kind}: ${r.nominee} (${r.unit})`)));
      return { replies: [{ lines, document: { storedFileId: file.id, fileName: `khen-thuong-${review.phaseCode}.csv`, mimeType: 'text/csv' } }] };
    }
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    const lines: TMsg[] = [
      concat(msg('commendation.title'), bilingual(phase.nameVi, phase.nameEn)),
      msg('commendation.status', { reports: reportedUnits, submitted: count('submitted'), returned: count('returned'), accepted: count('accepted') }),
    ];
    const buttons: TButton[][] = [];
    for (const r of rows.filter((x) => x.status === 'submitted').slice(0, 10)) {
      lines.push(verbatim(''), verbatim(`• ${r.kind}: ${r.nominee} — ${r.award} (${r.unit})`), verbatim(`  ${r.achievements}`));
      if (r.initiative) lines.push(concat(verbatim('  '), msg('commendation.initiative'), verbatim(r.initiative)));
      buttons.push([
        campaignButton(ctx.campaigns, ctx.campaignId, concat(msg('commendation.accept'), verbatim(r.nominee.slice(0, 30))), 'khenthuong', 'duyet', r.id),
        // Answered with the command to type, the proposal's id in it, and the reason to add.
        campaignButton(ctx.campaigns, ctx.campaignId, msg('commendation.returnButton'), 'khenthuong', 'tra', r.id),
      ]);
    }
    if (rows.some((x) => x.status === 'submitted')) lines.push(verbatim(''), msg('commendation.howToReturn'));
    return { replies: [{ lines, ...(buttons.length ? { buttons } : {}) }] };
  },
});
