import { comparePeriods } from '../domain/period.js';

/** Of several periods' figures, the latest period of each unit speaks for it (see comparePeriods). */
export function latestPerUnit<T extends { unitId: string; period: string }>(updates: T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const u of updates) {
    const prev = latest.get(u.unitId);
    if (!prev || comparePeriods(u.period, prev.period) > 0) latest.set(u.unitId, u);
  }
  return latest;
}
