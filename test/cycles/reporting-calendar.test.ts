import { describe, expect, it } from 'vitest';
import { readCampaignFile } from '../../src/campaign/read-campaign-file.js';
import { DEFAULT_CAMPAIGN_FILE } from '../../src/config.js';
import { quarterOf, selectablePeriods } from '../../src/domain/period.js';
import { annualReportDeadline, upcomingDue } from '../../src/cycles/reporting-calendar.js';

const { schedule } = readCampaignFile(DEFAULT_CAMPAIGN_FILE).campaign;

describe('reporting calendar', () => {
  it('should use Vietnam time for quarters: 31 Dec 18:00 UTC is already Q1', () => {
    expect(quarterOf(new Date('2026-12-31T16:59:00Z'))).toBe('2026-Q4');
    expect(quarterOf(new Date('2026-12-31T17:00:00Z'))).toBe('2027-Q1');
  });

  it('should list periods back to the start of the phase', () => {
    expect(selectablePeriods(new Date('2027-08-01T05:00:00Z'), 2026)).toEqual(['2027-Q3', '2027', '2027-Q2', '2027-Q1', '2026']);
  });

  it('should keep last year\'s fourth quarter open in the first quarter, when it falls due', () => {
    expect(selectablePeriods(new Date('2027-01-05T05:00:00Z'), 2026)).toEqual(['2027-Q1', '2027', '2026-Q4', '2026']);
    expect(selectablePeriods(new Date('2027-04-05T05:00:00Z'), 2026)).toEqual(['2027-Q2', '2027', '2027-Q1', '2026']);
    // Before the campaign's first year there is nothing to give.
    expect(selectablePeriods(new Date('2026-01-05T05:00:00Z'), 2026)).toEqual(['2026-Q1', '2026']);
  });

  it('should end the annual report deadline at midnight after 15 December in Vietnam', () => {
    expect(annualReportDeadline(schedule, 2026)!.toISOString()).toBe('2026-12-15T17:00:00.000Z');
  });

  it('should list what is due next for a district, soonest first', () => {
    const due = upcomingDue(schedule, 'district', new Date('2026-11-24T03:00:00Z'));
    expect(due.map((d) => [d.cycleCode, d.period, d.dueAt.toISOString()])).toEqual([
      ['annual_report', '2026', '2026-12-15T17:00:00.000Z'],
      ['quarterly_progress', '2026-Q4', '2027-01-10T17:00:00.000Z'],
    ]);
    expect(upcomingDue(schedule, 'enterprise', new Date('2026-11-24T03:00:00Z'))).toEqual([]);
  });
});
