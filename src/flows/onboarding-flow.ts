import { z } from 'zod';
import { ZLocale } from '../domain/locale.js';
import { redeemInvite } from '../invites/redeem-invite.js';
import { PERSON_NAME_MAX } from '../domain/person-name.js';
import { joinedReply, needsTypedName } from './joined-reply.js';
import { takeTypedName } from './name-flow.js';
import { defineFlow } from './engine/flow.js';
import { bilingual, msg, reply } from '../core/message.js';

const ZData = z.object({});

/**
 * First contact: language, then who the person is. Citizens are done at once; unit contacts
 * and officials type the invite code they were given.
 */
export const onboardingFlow = defineFlow({
  id: 'onboarding',
  data: ZData,
  actsFor: { role: 'citizen' },
  start: (args) => ({ next: args === 'code' ? 'code' : 'language', data: {} }),
  steps: {
    language: {
      prompt: () => ({
        lines: [msg('onboarding.welcome'), { text: '' }, msg('onboarding.chooseLanguage')],
        ask: {
          kind: 'choice',
          columns: 2,
          options: [
            { value: 'vi', label: bilingual('Tiếng Việt', 'Tiếng Việt') },
            { value: 'en', label: bilingual('English', 'English') },
          ],
        },
      }),
      answer: async (answer, data, ctx) => {
        if (answer.kind !== 'choice') return { retry: msg('errors.chooseOption', { count: 2 }) };
        await ctx.setLocale(ZLocale.parse(answer.value));
        return { next: 'who', data };
      },
    },
    who: {
      prompt: () => ({
        lines: [msg('onboarding.who')],
        ask: {
          kind: 'choice',
          options: [
            { value: 'citizen', label: msg('onboarding.whoCitizen') },
            { value: 'invited', label: msg('onboarding.whoInvited') },
          ],
        },
      }),
      answer: (answer, data) => {
        if (answer.kind === 'choice' && answer.value === 'invited') return { next: 'code', data };
        return { done: true, say: [reply(msg('onboarding.citizenWelcome'))], showMenu: true };
      },
    },
    code: {
      prompt: () => ({
        lines: [msg('onboarding.askCode')],
        ask: { kind: 'text', min: 1, max: 80, shortcuts: [{ value: 'none', label: msg('onboarding.noCode') }] },
      }),
      answer: async (answer, data, ctx) => {
        if (answer.kind === 'choice') {
          return { done: true, say: [reply(msg('onboarding.citizenWelcome'))], showMenu: true };
        }
        if (answer.kind !== 'text') return { retry: msg('errors.expectedText') };
        const result = await ctx.run(redeemInvite, { code: answer.text, personId: ctx.person.id, now: ctx.clock.now() });
        if (!result.ok) return { retry: msg(`invites.error.${result.reason}`) };
        const joined = await joinedReply(ctx, result);
        if (await needsTypedName(ctx)) return { next: 'name', data, say: [joined] };
        return { done: true, say: [joined], showMenu: true };
      },
    },
    name: {
      prompt: () => ({ lines: [msg('name.askOnJoin'), msg('name.ask', { max: PERSON_NAME_MAX })], ask: { kind: 'text', min: 1, max: 500 } }),
      answer: async (answer, _data, ctx) => {
        const taken = await takeTypedName(answer, ctx);
        if (!taken.ok) return { retry: taken.retry };
        return { done: true, say: [reply(msg('name.saved', { name: taken.name }))], showMenu: true };
      },
    },
  },
});
