import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineFlow } from '../../src/flows/engine/flow.js';
import { msg } from '../../src/core/message.js';

const ask = () => ({ lines: [msg('name.ask')], ask: { kind: 'text' as const, min: 1, max: 10 } });

describe('flow step names', () => {
  it('should refuse at compile time a step the flow does not have', () => {
    const flow = defineFlow({
      id: 'steps-check',
      data: z.object({ n: z.number() }),
      actsFor: { role: 'citizen' },
      start: () => ({ next: 'first', data: { n: 0 } }),
      steps: {
        first: { prompt: ask, answer: (_answer, data) => ({ next: 'second', data: { n: data.n + 1 } }) },
        second: {
          prompt: ask,
          // @ts-expect-error 'third' is not a step of this flow
          answer: (_answer, data) => ({ next: 'third', data }),
        },
      },
    });
    expect(Object.keys(flow.steps)).toEqual(['first', 'second']);
  });
});
