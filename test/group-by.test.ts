import { describe, expect, it } from 'vitest';
import { groupBy } from '../src/group-by.js';

describe('groupBy', () => {
  it('should keep each group in the order of the items', () => {
    const groups = groupBy([{ chat: 'a', n: 1 }, { chat: 'b', n: 2 }, { chat: 'a', n: 3 }], (x) => x.chat);
    expect([...groups.keys()]).toEqual(['a', 'b']);
    expect(groups.get('a')!.map((x) => x.n)).toEqual([1, 3]);
    expect(groups.get('b')!.map((x) => x.n)).toEqual([2]);
  });
});
