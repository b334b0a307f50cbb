import { describe, expect, it } from 'vitest';
import { msg } from '../../src/core/message.js';
import { ageMsg } from '../../src/waste/waste-report-view.js';

describe('ageMsg', () => {
  const now = new Date('2026-11-29T10:00:00Z');
  it('should say "just now" within the first hour, then hours, then days', () => {
    expect(ageMsg(new Date('2026-11-29T09:31:00Z'), now)).toEqual(msg('waste.age.justNow'));
    expect(ageMsg(new Date('2026-11-29T07:59:00Z'), now)).toEqual(msg('waste.age.hours', { count: 2 }));
    expect(ageMsg(new Date('2026-11-26T09:00:00Z'), now)).toEqual(msg('waste.age.days', { count: 3 }));
  });
});
