import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { formatDay } from '../domain/format-date.js';
import { formatInviteCode } from '../domain/invite-code.js';
import { hasRole, ZGrantableRole } from '../domain/role.js';
import { isBoardWide } from '../core/campaigns.js';
import { createInvite } from '../invites/create-invite.js';
import { findUnit } from '../units/find-unit.js';
import { findUnitOfCampaign } from '../units/find-unit-of-campaign.js';
import { describeRole } from './describe-role.js';
import { countUnitMatches, readUnitKind, readUnitPick, unitKindPrompt, unitPickerPrompt } from './pick-unit.js';
import { defineFlow } from './engine/flow.js';
import type { TurnContext } from '../core/turn-context.js';
import { bilingual, concat, msg, reply, verbatim, type TReply } from '../core/message.js';

const ZData = z.object({
  role: ZGrantableRole.optional(),
  kindId: z.string().optional(),
  unitId: z.string().optional(),
  /** The unit picker's search and page. */
  query: z.string().max(100).optional(),
  page: z.number().int().nonnegative().default(0),
  /** The campaign the dialog started in: its units, and an official invited for it. */
  campaignId: z.string().optional(),
});
type TData = z.infer<typeof ZData>;

/** An official creates a one-time code that makes someone a unit contact or an official. */
export const inviteFlow = defineFlow({
  id: 'invite',
  leftKey: 'flow.leftKeeps.invite',
  data: ZData,
  actsFor: { role: 'official' },
  campaign: (data) => data?.campaignId,
  start: async (args, ctx) => {
    const { campaignId } = ctx;
    if (args) {
      const unit = await ctx.run(findUnitOfCampaign, { campaignId, code: args, activeOnly: true });
      if (unit) return { next: 'confirm', data: { role: 'unit_contact' as const, unitId: unit.id, page: 0, campaignId } };
      // "/moi quang tan": a name, or part of one, goes to the picker with the search done.
      if (await countUnitMatches(ctx, {}, args)) return { next: 'unit', data: { role: 'unit_contact' as const, query: args.slice(0, 100), page: 0, campaignId } };
      return { next: 'role', data: { page: 0, campaignId }, say: [reply(msg('invite.unknownUnit', { code: args }))] };
    }
    return { next: 'role', data: { page: 0, campaignId } };
  },
  steps: {
    role: {
      prompt: (_data, ctx) => ({
        lines: [msg('invite.chooseRole')],
        ask: {
          kind: 'choice',
          options: [
            { value: 'unit_contact', label: msg('roles.unit_contact') },
            { value: 'official', label: msg('roles.official') },
            ...(hasRole(ctx.person.roles, 'admin') ? [{ value: 'admin', label: msg('roles.admin') }] : []),
          ],
        },
      }),
      answer: (answer, data) => {
        if (answer.kind !== 'choice') return { retry: msg('errors.chooseOption', { count: 2 }) };
        const role = ZGrantableRole.parse(answer.value);
        return role === 'unit_contact' ? { next: 'kind', data: { ...data, role } } : { next: 'confirm', data: { ...data, role } };
      },
    },
    kind: {
      prompt: (_data, ctx) => unitKindPrompt(ctx, [msg('invite.chooseKind')]),
      answer: async (answer, data, ctx) => {
        const picked = await readUnitKind(answer, ctx);
        if ('retry' in picked) return picked;
        if ('query' in picked) return { next: 'unit', data: { ...data, kindId: undefined, query: picked.query, page: 0 } };
        return { next: 'unit', data: { ...data, kindId: picked.kindId, query: undefined, page: 0 } };
      },
    },
    unit: {
      prompt: (data, ctx) => unitPickerPrompt(ctx, { kindId: data.kindId }, data, [msg('invite.chooseUnit'), msg('invite.unitCodeHint')]),
      answer: async (answer, data, ctx) => {
        const picked = await readUnitPick(answer, ctx, { kindId: data.kindId }, data);
        if ('retry' in picked) return picked;
        if ('unit' in picked) return { next: 'confirm', data: { ...data, unitId: picked.unit.id } };
        if ('pick' in picked) return { next: 'unit', data: { ...data, query: picked.pick.query, page: picked.pick.page } };
        return { retry: msg('unitPicker.typeOrChoose') };
      },
    },
    confirm: {
      prompt: async (data, ctx) => {
        const unit = data.unitId ? await ctx.run(findUnit, { unitId: data.unitId }) : null;
        return {
          lines: [msg('invite.confirm'), describeRole(data.role ?? 'official', unit), msg('invite.validity', { days: ctx.settings.inviteTtlDays })],
          ask: {
            kind: 'choice',
            columns: 2,
            options: [
              { value: 'create', label: msg('invite.create') },
              { value: 'cancel', label: msg('common.cancel') },
            ],
          },
        };
      },
      answer: async (answer, data: TData, ctx) => {
        if (answer.kind !== 'choice' || answer.value !== 'create') {
          return { done: true, say: [reply(msg('common.cancelled'))], showMenu: true };
        }
        const role = data.role ?? 'official';
        if (role === 'admin' && !hasRole(ctx.person.roles, 'admin')) return { retry: msg('access.denied') };
        const now = ctx.clock.now();
        // An official of one movement invites officials of that movement, never of the Board.
        const campaignId = role === 'official' && !isBoardWide(ctx.person) ? ctx.campaignId : null;
        const invite = await ctx.run(createInvite, {
          role,
          unitId: data.unitId ?? null,
          ...(campaignId ? { campaignId } : {}),
          createdById: ctx.person.id,
          ttlDays: ctx.settings.inviteTtlDays,
          now,
        });
        await ctx.run(recordAudit, {
          actorId: ctx.person.id,
          action: 'invite.create',
          subjectType: 'invite',
          subjectId: invite.id,
          details: { role, unitId: data.unitId ?? null, ...(campaignId ? { campaignId } : {}) },
          at: now,
        });
        const unit = data.unitId ? await ctx.run(findUnit, { unitId: data.unitId }) : null;
        const movement = campaignId ? ctx.campaigns.byId(campaignId) : undefined;
        const described = movement ? concat(describeRole(role, unit), verbatim(' — '), bilingual(movement.nameVi, movement.nameEn)) : describeRole(role, unit);
        return { done: true, say: [inviteCreatedReply(invite.code, invite.expiresAt, described, ctx)] };
      },
    },
  },
});

export function inviteCreatedReply(
  code: string,
  expiresAt: Date,
  roleText: ReturnType<typeof describeRole>,
  ctx: Pick<TurnContext, 'settings'>,
): TReply {
  const lines = [msg('invite.created'), roleText, { text: '' }, msg('invite.codeLine', { code: formatInviteCode(code) })];
  if (ctx.settings.telegramBotUsername) {
    lines.push(msg('invite.telegramLink', { link: `https://t.me/${ctx.settings.telegramBotUsername}?start=${code}` }));
  }
  if (ctx.settings.webChatUrl) lines.push(msg('invite.webLink', { link: ctx.settings.webChatUrl }));
  lines.push(verbatim(''), msg('invite.expires', { date: formatDay(expiresAt) }), msg('invite.once'));
  return { lines };
}
