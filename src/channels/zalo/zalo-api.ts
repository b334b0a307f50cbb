import { z } from 'zod';
import { DeliveryError } from '../../errors.js';

/**
 * How long to leave Zalo alone after 429 "Quota exceeded". Zalo's error table
 * (https://bot.zaloplatforms.com/docs, "Bảng mã lỗi": 429 "Quota exceeded - Vượt quá giới hạn
 * sử dụng API cho phép") names no window and its answer carries no retry_after, so this is our
 * own choice: long enough not to hammer a spent quota, short enough for replies to stay timely.
 */
export const ZALO_QUOTA_BACKOFF_SECONDS = 60;

const ZEnvelope = z.object({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.coerce.number().optional(),
  description: z.string().optional(),
});

/**
 * A thin client for the Zalo Bot API (https://bot-api.zaloplatforms.com/bot<TOKEN>/<method>),
 * which answers in Telegram's envelope. Errors never quote the URL: it contains the token.
 */
export class ZaloApi {
  constructor(
    private readonly token: string,
    private readonly apiRoot: string,
    /** No call waits longer than this unless it asks for more (a long poll). */
    private readonly timeoutMs = 15_000,
  ) {}

  async call(method: string, body: Record<string, unknown> = {}, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<unknown> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(`${this.apiRoot}/bot${this.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal,
      });
    } catch (error) {
      const name = (error as Error).name;
      throw new DeliveryError(`network error talking to Zalo (${name === 'TimeoutError' ? 'timeout' : name})`, 'transient');
    }
    let envelope: z.infer<typeof ZEnvelope>;
    try {
      envelope = ZEnvelope.parse(await res.json());
    } catch {
      const what = `Zalo answered ${res.status} without a readable body`;
      if (res.status === 429) throw new DeliveryError(what, 'rate_limited', ZALO_QUOTA_BACKOFF_SECONDS, 429);
      throw new DeliveryError(what, res.status >= 500 || res.status === 403 ? 'transient' : 'permanent');
    }
    if (envelope.ok) return envelope.result;
    const code = envelope.error_code ?? res.status;
    const text = `Zalo ${code}: ${(envelope.description ?? '').slice(0, 200)}`;
    // Zalo's error table (https://bot.zaloplatforms.com/docs, "Bảng mã lỗi"): 403 is "Internal
    // server error", not a refusal by the person, so it is retried with the usual backoff. No
    // documented code says that a user cannot be reached, so nothing here marks anyone unreachable.
    if (code === 429) throw new DeliveryError(text, 'rate_limited', ZALO_QUOTA_BACKOFF_SECONDS, code);
    if (code === 403 || code === 408 || code >= 500) throw new DeliveryError(text, 'transient', undefined, code);
    throw new DeliveryError(text, 'permanent', undefined, code);
  }
}
