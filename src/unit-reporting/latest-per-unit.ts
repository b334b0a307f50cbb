/** Of several periods' figures, the latest period of each unit speaks for it. */
export function latestPerUnit<T extends { unitId: string; period: string }>(updates: T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const u of updates) {
    const prev = latest.get(u.unitId);
    if (!prev || u.period > prev.period) latest.set(u.unitId, u);
  }
  return latest;
}
