import { z } from 'zod';
import { parsePersonName, PERSON_NAME_MAX, PERSON_NAME_MIN } from '../domain/person-name.js';
import { getChosenName, setChosenName } from '../people/set-chosen-name.js';
import type { TAnswer } from '../core/input.js';
import { defineFlow, type Transition } from './engine/flow.js';
import type { TurnContext } from '../core/turn-context.js';
import { msg, reply, type TMsg } from '../core/message.js';

const ZData = z.object({ reason: z.enum(['change', 'join']) });
type TData = z.infer<typeof ZData>;

/** Reads a typed name; what to say again when it cannot be used. Shared with the waste report. */
export async function takeTypedName(answer: TAnswer, ctx: TurnContext): Promise<{ ok: true; name: string } | { ok: false; retry: TMsg }> {
  if (answer.kind !== 'text') return { ok: false, retry: msg('name.expectedText') };
  const parsed = parsePersonName(answer.text);
  if (!parsed.ok) return { ok: false, retry: msg(`name.error.${parsed.reason}`, { min: PERSON_NAME_MIN, max: PERSON_NAME_MAX }) };
  await ctx.run(setChosenName, { personId: ctx.person.id, name: parsed.name });
  return { ok: true, name: parsed.name };
}

/** /ten: the name officials read when the person chooses to be named; also asked on joining from the web. */
export const nameFlow = defineFlow({
  id: 'name',
  leftKey: 'flow.leftKeeps.name',
  data: ZData,
  actsFor: { role: 'citizen' },
  start: (args): Transition<TData, 'name'> => ({ next: 'name', data: { reason: args === 'join' ? 'join' : 'change' } }),
  steps: {
    name: {
      prompt: async (data, ctx) => {
        const current = await ctx.run(getChosenName, { personId: ctx.person.id });
        return {
          lines: [data.reason === 'join' ? msg('name.askOnJoin') : current ? msg('name.current', { name: current }) : msg('name.none'), msg('name.ask', { max: PERSON_NAME_MAX })],
          ask: { kind: 'text', min: 1, max: 500 },
        };
      },
      answer: async (answer, _data, ctx) => {
        const taken = await takeTypedName(answer, ctx);
        if (!taken.ok) return { retry: taken.retry };
        return { done: true, say: [reply(msg('name.saved', { name: taken.name }))], showMenu: true };
      },
    },
  },
});
