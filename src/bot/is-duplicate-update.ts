/**
 * Whether a turn failed because its update was recorded as processed before (a re-delivery,
 * or a concurrent turn for the same update): the primary key of ProcessedUpdate. Prisma names
 * it P2002 from a model's query and P2010 with the driver's message from a raw one.
 */
export function isDuplicateUpdate(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (code !== 'P2002' && code !== 'P2010') return false;
  const text = String((error as Error).message ?? '') + JSON.stringify((error as { meta?: unknown }).meta ?? {});
  if (code === 'P2010' && !/unique|duplicate key|23505|2067|1555/i.test(text)) return false;
  return /ProcessedUpdate|channel.*updateId|processedupdate/i.test(text);
}
