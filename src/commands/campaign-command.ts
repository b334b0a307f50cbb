import { personIn, rolesIn, type TCampaignView } from '../core/campaigns.js';
import { commandButton } from '../core/command-button.js';
import { bilingual, concat, msg, reply, verbatim, type TMsg } from '../core/message.js';
import { hasRole } from '../domain/role.js';
import { setChosenCampaign } from '../people/set-chosen-campaign.js';
import { defineCommand } from './command.js';

/**
 * /phongtrao [CODE]: the movements this installation runs, and which one the official's
 * commands work in. A command can also name a campaign once (/tonghop 2025 CODE).
 */
export const campaignCommand = defineCommand({
  names: ['phongtrao', 'campaign'],
  allow: ['official'],
  descriptionKey: 'commands.campaign',
  keepsFlow: true,
  run: async (args, ctx) => {
    const { campaigns } = ctx;
    const name = (c: TCampaignView): TMsg => concat(bilingual(c.nameVi, c.nameEn), verbatim(` (${c.code})`));
    const code = args.trim().split(/\s+/)[0] ?? '';
    if (code) {
      const wanted = campaigns.byCode(code);
      if (!wanted) return { replies: [reply(msg('campaigns.unknown', { code: code.slice(0, 40) })), ...list()] };
      if (wanted.archived) return { replies: [reply(concat(name(wanted), verbatim(' — '), msg('campaigns.archivedReadOnly', { code: wanted.code })))] };
      if (!hasRole(rolesIn(ctx.person, wanted, campaigns), 'official')) return { replies: [reply(msg('campaigns.noRole'))] };
      await ctx.run(setChosenCampaign, { personId: ctx.person.id, campaignId: wanted.id });
      ctx.campaignId = wanted.id;
      ctx.person = personIn(ctx.person, wanted, campaigns);
      return { replies: [reply(concat(msg('campaigns.chosen'), verbatim(' '), name(wanted)))] };
    }
    return { replies: list() };

    function list() {
      const readable = campaigns.all.filter((c) => hasRole(rolesIn(ctx.person, c, campaigns), 'official'));
      const mine = readable.filter((c) => !c.archived);
      const lines: TMsg[] = [msg('campaigns.title')];
      for (const c of readable) {
        const mark = c.id === ctx.campaignId ? msg('campaigns.current') : c.archived ? msg('campaigns.archived') : null;
        lines.push(concat(verbatim('• '), name(c), ...(mark ? [verbatim(' — '), mark] : [])));
      }
      const buttons = mine.filter((c) => c.id !== ctx.campaignId).map((c) => [commandButton(bilingual(c.nameVi, c.nameEn), 'phongtrao', c.code)]);
      // Only what the person can do: choose another movement, or read an ended one.
      lines.push(verbatim(''), msg(buttons.length ? 'campaigns.howToName' : 'campaigns.onlyOne'));
      if (!buttons.length && readable.some((c) => c.archived)) lines.push(msg('campaigns.howToRead'));
      return [{ lines, ...(buttons.length ? { buttons } : {}) }];
    }
  },
});
