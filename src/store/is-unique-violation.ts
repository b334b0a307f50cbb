/** Prisma's "unique constraint failed": another writer (a restart, a second instance) got there first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'P2002';
}
