import { bilingual, concat, msg, reply, verbatim } from '../core/message.js';
import { campaignButton } from '../core/campaigns.js';
import { listUnitContactAssignments } from '../people/list-unit-contact-assignments.js';
import { revokeUnitContact } from '../people/revoke-unit-contact.js';
import { findUnitOfCampaign } from '../units/find-unit-of-campaign.js';
import { defineCommand } from './command.js';

/**
 * /thuhoi UNIT lists the unit's active contacts with a button each; the button
 * (`/thuhoi x <assignment>`) revokes that contact, who is told.
 */
export const revokeCommand = defineCommand({
  names: ['thuhoi', 'revoke'],
  allow: ['official'],
  namesCampaign: 'writes',
  descriptionKey: 'commands.revoke',
  run: async (args, ctx) => {
    const [first = '', second = ''] = args.split(/\s+/);
    const now = ctx.clock.now();
    if (first === 'x') {
      const assignment = await ctx.run(revokeUnitContact, { assignmentId: second, campaignId: ctx.campaignId, actorId: ctx.person.id, now });
      if (!assignment) return { replies: [reply(msg('revoke.notFound'))] };
      const unitName = assignment.unit ? bilingual(assignment.unit.nameVi, assignment.unit.nameEn) : verbatim('');
      await ctx.notify(assignment.personId, { lines: [concat(msg('revoke.notice'), unitName)] }, `revoke:${assignment.id}`);
      return { replies: [reply(concat(msg('revoke.done', { name: assignment.person.displayName }), unitName))] };
    }
    if (!first) return { replies: [reply(msg('revoke.usage'))] };
    const unit = await ctx.run(findUnitOfCampaign, { campaignId: ctx.campaignId, code: first });
    if (!unit) return { replies: [reply(msg('invite.unknownUnit', { code: first }))] };
    const contacts = await ctx.run(listUnitContactAssignments, { unitId: unit.id });
    if (!contacts.length) return { replies: [reply(msg('revoke.none'))] };
    return {
      replies: [
        {
          lines: [concat(msg('revoke.choose'), bilingual(unit.nameVi, unit.nameEn))],
          // Officials see which of a contact's accounts the bot can no longer reach.
          buttons: contacts.map((c) => [
            campaignButton(
              ctx.campaigns,
              ctx.campaignId,
              concat(
                verbatim(`${c.person.displayName} (`),
                ...c.person.identities.flatMap((i, n) => [
                  verbatim(`${n ? ', ' : ''}${i.channel}`),
                  ...(i.status !== 'active' ? [verbatim(': '), msg(`identity.${i.status}`)] : []),
                ]),
                verbatim(')'),
              ),
              'thuhoi',
              'x',
              c.id,
            ),
          ]),
        },
      ],
    };
  },
});
