import { DeliveryError } from '../../errors.js';

/**
 * Turns whatever telegraf threw into a DeliveryError. The message is rebuilt from the
 * error code and description only: network errors quote the request URL, token included.
 */
export function classifyTelegramError(error: unknown): DeliveryError {
  const e = error as { response?: { error_code?: number; description?: string; parameters?: { retry_after?: number } }; code?: unknown; name?: string; type?: string } | null;
  const response = e?.response;
  if (response && typeof response.error_code === 'number') {
    const code = response.error_code;
    const description = (response.description ?? '').slice(0, 200);
    const text = `Telegram ${code}: ${description}`;
    if (code === 429) return new DeliveryError(text, 'rate_limited', response.parameters?.retry_after ?? 1);
    if (code === 403) return new DeliveryError(text, 'blocked');
    if (code >= 500) return new DeliveryError(text, 'transient');
    return new DeliveryError(text, 'permanent');
  }
  const kind = typeof e?.code === 'string' ? e.code : (e?.name ?? 'Error');
  return new DeliveryError(`network error talking to Telegram (${kind})`, 'transient');
}
