import { describe, expect, it } from 'vitest';
import { batchWrites } from '../../src/outbox/batch-writes.js';

/** A write that stays under way until the test lets it finish. */
function controlledWrites() {
  const batches: number[][] = [];
  const finish: ((error?: Error) => void)[] = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(items);
      finish.push((error) => (error ? reject(error) : resolve()));
    });
  return { batches, finish, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('batchWrites', () => {
  it('should write what arrives during a write together, in the next one', async () => {
    const { batches, finish, write } = controlledWrites();
    const mark = batchWrites(write);
    const first = mark(1);
    await tick();
    expect(batches).toEqual([[1]]);
    const later = [mark(2), mark(3), mark(4)];
    await tick();
    expect(batches).toEqual([[1]]); // still waiting for the first write
    finish[0]!();
    await first;
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish[1]!();
    await Promise.all(later);
  });

  it('should fail only the callers of the batch whose write failed, and go on', async () => {
    const { batches, finish, write } = controlledWrites();
    const mark = batchWrites(write);
    const first = mark(1);
    await tick();
    const second = mark(2);
    finish[0]!(new Error('database is down'));
    await expect(first).rejects.toThrow('database is down');
    await tick();
    expect(batches).toEqual([[1], [2]]);
    finish[1]!();
    await expect(second).resolves.toBeUndefined();
  });

  it('should wait the given delay after the first item, for others to join its batch', async () => {
    const { batches, finish, write } = controlledWrites();
    const mark = batchWrites(write, 20);
    const first = mark(1);
    await tick();
    expect(batches).toEqual([]);
    const second = mark(2);
    await new Promise((r) => setTimeout(r, 40));
    expect(batches).toEqual([[1, 2]]);
    finish[0]!();
    await Promise.all([first, second]);
  });
});
