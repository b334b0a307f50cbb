import { describe, expect, it } from 'vitest';
import { currentRung, escalationAt, isAllowed, ladderRungs, nextAllowed, type DeliveryRules } from '../../src/domain/reminder-schedule.js';

const rules: DeliveryRules = {
  quietStart: '21:00',
  quietEnd: '07:00',
  skipWeekends: true,
  holidays: new Set(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-12-31']),
};
const ladder = { daysBefore: [30, 14, 7, 3, 1], onDueDay: true, overdueEveryDays: 3, overdueMaxReminders: 5, escalateAfterDays: 1 };
// Times are written in Vietnam's offset, +07:00.
const vn = (s: string) => new Date(`${s}+07:00`);

describe('delivery rules', () => {
  it('should hold reminders in quiet hours until 07:00', () => {
    expect(isAllowed(vn('2026-11-24T20:59:00'), rules)).toBe(true);
    expect(isAllowed(vn('2026-11-24T21:00:00'), rules)).toBe(false);
    expect(nextAllowed(vn('2026-11-24T22:30:00'), rules)).toEqual(vn('2026-11-25T07:00:00'));
    expect(nextAllowed(vn('2026-11-25T05:00:00'), rules)).toEqual(vn('2026-11-25T07:00:00'));
  });

  it('should move past weekends and holidays, Tết included', () => {
    expect(nextAllowed(vn('2026-11-28T10:00:00'), rules)).toEqual(vn('2026-11-30T07:00:00')); // Saturday → Monday
    expect(nextAllowed(vn('2026-02-13T22:00:00'), rules)).toEqual(vn('2026-02-23T07:00:00')); // Fri night → after Tết
    expect(nextAllowed(vn('2026-12-31T08:00:00'), rules)).toEqual(vn('2027-01-01T07:00:00'));
  });

  it('should let a rule set with equal quiet bounds send at any hour', () => {
    expect(isAllowed(vn('2026-11-24T03:00:00'), { ...rules, quietStart: '00:00', quietEnd: '00:00' })).toBe(true);
  });
});

describe('reminder ladder', () => {
  const rungs = ladderRungs(ladder, { year: 2026, month: 12, day: 15 }, rules);

  it('should place each rung at 08:00 on a working day', () => {
    expect(rungs.map((r) => [r.rung, r.at.toISOString()])).toEqual([
      ['d-30', vn('2026-11-16T07:00:00').toISOString()], // 15 Nov is a Sunday → Monday 07:00
      ['d-14', vn('2026-12-01T08:00:00').toISOString()],
      ['d-7', vn('2026-12-08T08:00:00').toISOString()],
      ['d-3', vn('2026-12-14T07:00:00').toISOString()], // Saturday → Monday
      ['d-1', vn('2026-12-14T08:00:00').toISOString()],
      ['d0', vn('2026-12-15T08:00:00').toISOString()],
      ['o1', vn('2026-12-18T08:00:00').toISOString()],
      ['o2', vn('2026-12-21T08:00:00').toISOString()],
      ['o3', vn('2026-12-24T08:00:00').toISOString()],
      ['o4', vn('2026-12-28T07:00:00').toISOString()], // Sunday → Monday
      ['o5', vn('2026-12-30T08:00:00').toISOString()],
    ]);
  });

  it('should send the latest due rung after downtime and skip obsolete ones', () => {
    expect(currentRung(rungs, vn('2026-11-10T09:00:00'))).toBeNull();
    expect(currentRung(rungs, vn('2026-12-01T08:00:00'))?.rung).toBe('d-14');
    // Down from 30 Nov to 13 Dec: on return only "3 days left" (d-3) goes, not d-7.
    expect(currentRung(rungs, vn('2026-12-14T07:30:00'))?.rung).toBe('d-3');
    expect(currentRung(rungs, vn('2027-06-01T08:00:00'))?.rung).toBe('o5');
  });

  it('should walk a whole year of hourly ticks and send each rung once, in order', () => {
    const sent: string[] = [];
    for (let t = vn('2026-01-01T00:00:00').getTime(); t < vn('2027-01-01T00:00:00').getTime(); t += 3_600_000) {
      const now = new Date(t);
      if (!isAllowed(now, rules)) continue;
      const rung = currentRung(rungs, now);
      if (rung && !sent.includes(rung.rung)) sent.push(rung.rung);
    }
    expect(sent).toEqual(rungs.map((r) => r.rung));
  });

  it('should escalate the working day after the due day', () => {
    expect(escalationAt(ladder, { year: 2026, month: 12, day: 15 }, rules)).toEqual(vn('2026-12-16T08:00:00'));
  });
});
