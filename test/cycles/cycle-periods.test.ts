import { describe, expect, it } from 'vitest';
import { readCampaignFile } from '../../src/campaign/read-campaign-file.js';
import { DEFAULT_CAMPAIGN_FILE } from '../../src/config.js';
import { cycleDue, cyclePeriods, dueEnd } from '../../src/cycles/cycle-periods.js';

const { schedule } = readCampaignFile(DEFAULT_CAMPAIGN_FILE).campaign;
const annual = schedule.cycles.find((c) => c.kind === 'annual_report')!;
const quarterly = schedule.cycles.find((c) => c.kind === 'quarterly_progress')!;

describe('cycle periods', () => {
  it('should give a period only to the cycle that asks for it', () => {
    expect(cycleDue(annual, '2026')).toEqual({ year: 2026, month: 12, day: 15 });
    expect(cycleDue(annual, '2026-Q1')).toBeNull();
    expect(cycleDue(quarterly, '2026')).toBeNull();
    expect(cycleDue(quarterly, 'soon')).toBeNull();
  });

  it('should make a quarter due the tenth day after it ends, across the new year', () => {
    expect(cycleDue(quarterly, '2026-Q1')).toEqual({ year: 2026, month: 4, day: 10 });
    expect(cycleDue(quarterly, '2026-Q4')).toEqual({ year: 2027, month: 1, day: 10 });
    expect(dueEnd(cycleDue(quarterly, '2026-Q4')!).toISOString()).toBe('2027-01-10T17:00:00.000Z');
  });

  it('should keep the quarter just ended open, in Vietnam time, and leave out what was due before go-live', () => {
    const newYear = new Date('2026-12-31T17:30:00Z');
    expect(cyclePeriods(quarterly, newYear).map((p) => p.period)).toEqual(['2026-Q4', '2027-Q1']);
    expect(cyclePeriods(annual, newYear).map((p) => p.period)).toEqual(['2026', '2027']);
    expect(cyclePeriods(annual, newYear, new Date('2026-12-20T00:00:00Z')).map((p) => p.period)).toEqual(['2027']);
  });
});
