import { OPEN_STATUSES } from '../domain/waste-status.js';
import type { Tx } from '../store/db.js';

export interface FindSimilarReportsOptions {
  categoryId: string;
  localityUnitId?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  now: Date;
  /** Metres within which two located reports are taken for the same place. */
  radiusMetres?: number;
}

const DAY = 86_400_000;

/**
 * Open reports of the same category from the last 30 days at the same place: the same
 * commune or district, or within a few hundred metres. Offered before a new report is filed.
 */
export async function findSimilarReports(tx: Tx, options: FindSimilarReportsOptions) {
  const located = options.latitude !== undefined && options.longitude !== undefined;
  if (!options.localityUnitId && !located) return [];
  const candidates = await tx.wasteReport.findMany({
    where: {
      categoryId: options.categoryId,
      status: { in: OPEN_STATUSES },
      createdAt: { gte: new Date(options.now.getTime() - 30 * DAY) },
      OR: [
        ...(options.localityUnitId ? [{ localityUnitId: options.localityUnitId }] : []),
        ...(located ? [{ latitude: { not: null } }] : []),
      ],
    },
    orderBy: { createdAt: 'desc' },
    take: 50,
    // Only what matching needs: nothing of another person's report leaves this function.
    select: { id: true, createdAt: true, localityUnitId: true, latitude: true, longitude: true },
  });
  const radius = options.radiusMetres ?? 300;
  return candidates
    .filter((c) => {
      if (options.localityUnitId && c.localityUnitId === options.localityUnitId) return true;
      if (!located || c.latitude === null || c.longitude === null) return false;
      return distanceMetres(options.latitude!, options.longitude!, c.latitude, c.longitude) <= radius;
    })
    .slice(0, 3);
}

export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}
