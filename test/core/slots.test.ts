import { describe, expect, it } from 'vitest';
import { Slots } from '../../src/core/slots.js';

describe('Slots', () => {
  it('runs at most its size at once and lets the waiting in by arrival', async () => {
    const slots = new Slots(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const turns = [0, 1, 2, 3, 4].map((i) =>
      slots.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return i;
      }),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual([0, 1]);
    expect(slots.queued).toBe(3);
    while (releases.length) {
      releases.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(await Promise.all(turns)).toEqual([0, 1, 2, 3, 4]);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(slots.queued).toBe(0);
  });

  it('lets a flood on one lane delay that lane, not the others', async () => {
    const slots = new Slots(1);
    const order: string[] = [];
    let release!: () => void;
    const first = slots.run(() => new Promise<void>((resolve) => (release = resolve)), 'web');
    const flood = Array.from({ length: 20 }, (_, i) => slots.run(async () => void order.push(`web${i}`), 'web'));
    const telegram = slots.run(async () => void order.push('telegram'), 'telegram');
    const zalo = slots.run(async () => void order.push('zalo'), 'zalo');
    expect(slots.queued).toBe(22);
    release();
    await Promise.all([first, ...flood, telegram, zalo]);
    // One of the flood, then each other lane, then the rest of the flood in its order.
    expect(order.slice(0, 3)).toEqual(['web0', 'telegram', 'zalo']);
    expect(order.slice(3)).toEqual(Array.from({ length: 19 }, (_, i) => `web${i + 1}`));
    expect(slots.queued).toBe(0);
  });

  it('frees the slot when a turn fails', async () => {
    const slots = new Slots(1);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(async () => 'next')).toBe('next');
  });
});
