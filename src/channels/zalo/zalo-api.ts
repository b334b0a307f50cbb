import { z } from 'zod';
import { DeliveryError } from '../../errors.js';

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
      throw new DeliveryError(`Zalo answered ${res.status} without a readable body`, res.status >= 500 ? 'transient' : 'permanent');
    }
    if (envelope.ok) return envelope.result;
    const code = envelope.error_code ?? res.status;
    const text = `Zalo ${code}: ${(envelope.description ?? '').slice(0, 200)}`;
    if (code === 429) throw new DeliveryError(text, 'rate_limited', 1, code);
    if (code === 403 || /block|not allowed|chặn/i.test(envelope.description ?? '')) throw new DeliveryError(text, 'blocked', undefined, code);
    if (code >= 500) throw new DeliveryError(text, 'transient', undefined, code);
    throw new DeliveryError(text, 'permanent', undefined, code);
  }
}
