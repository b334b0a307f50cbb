import { compareFigures } from '../domain/period.js';

/** Of several periods' figures, the one of each key that speaks for the year (see compareFigures). */
export function latestBy<T extends { period: string; createdAt: Date }, K>(updates: readonly T[], keyOf: (u: T) => K): Map<K, T> {
  const latest = new Map<K, T>();
  for (const u of updates) {
    const key = keyOf(u);
    const prev = latest.get(key);
    if (!prev || compareFigures(u, prev) > 0) latest.set(key, u);
  }
  return latest;
}

/** The figure of each unit that speaks for the year. */
export function latestPerUnit<T extends { unitId: string; period: string; createdAt: Date }>(updates: readonly T[]): Map<string, T> {
  return latestBy(updates, (u) => u.unitId);
}
