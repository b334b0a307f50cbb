import { compareFigures } from '../domain/period.js';

/** Of several periods' figures, the one of each unit that speaks for the year (see compareFigures). */
export function latestPerUnit<T extends { unitId: string; period: string; createdAt: Date }>(updates: T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const u of updates) {
    const prev = latest.get(u.unitId);
    if (!prev || compareFigures(u, prev) > 0) latest.set(u.unitId, u);
  }
  return latest;
}
