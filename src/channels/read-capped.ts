/** Thrown when a body is longer than the caller allowed; nothing beyond the cap was kept. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`body larger than ${maxBytes} bytes`);
  }
}

/**
 * Reads at most `maxBytes` of a response body. With `truncate` the rest is dropped (to sniff
 * a file's head); without it a longer body is an error. Either way the download is cancelled
 * at the cap, so a huge file never sits in memory.
 */
export async function readCapped(res: Response, maxBytes: number, { truncate = false } = {}): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (!truncate && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      if (!truncate) throw new BodyTooLargeError(maxBytes);
      return Buffer.concat(chunks).subarray(0, maxBytes);
    }
  }
  return Buffer.concat(chunks);
}
