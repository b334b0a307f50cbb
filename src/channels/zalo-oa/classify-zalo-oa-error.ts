import { DeliveryError } from '../../errors.js';

/** How long to leave the OA alone after its rate limit (-32): Zalo's answer names no window. */
export const ZALO_OA_RATE_BACKOFF_SECONDS = 60;
/** After the OA's message quota is spent (-224) it renews by the day: try again in an hour. */
export const ZALO_OA_QUOTA_BACKOFF_SECONDS = 3600;

/** The codes of the access token being refused: it is renewed and the message waits for it. */
export const ZALO_OA_TOKEN_CODES: ReadonlySet<number> = new Set([-216, -124]);

/**
 * What an OA API error means for a message. The OA answers HTTP 200 with `{ error, message }`,
 * `error` 0 on success (developers.zalo.me, Official Account → "Phụ lục: Mã lỗi"):
 *
 *   -216 access token is invalid, -124 access token has expired → renew it; the message waits
 *   -32  the app's rate limit is exceeded                       → retry after a pause
 *   -224 the OA has used up its quota of this message type       → retry much later
 *   -230 the user has not interacted with the OA in the past 7 days (the interaction window;
 *        documented by Zalo in 2023 as the customer-service rule, returned for it in practice
 *        as clients report, e.g. github.com/khoicodedao/Poto_platform docs/FIX_ERROR_230.md)
 *                                                               → wait for the person to write
 *   -213 the user has not followed the OA (or unfollowed it)    → unreachable
 *   -227 the user is locked, or inactive for more than 45 days  → unreachable
 *   -201 invalid parameter, -204 invalid message, others        → not retried
 *
 * A negative code from -1 to -10 (system errors) and HTTP 5xx are retried with the usual backoff.
 */
export function classifyZaloOaError(code: number, description: string): DeliveryError {
  const text = `Zalo OA ${code}: ${description.slice(0, 200)}`;
  if (ZALO_OA_TOKEN_CODES.has(code)) return new DeliveryError(text, 'suspended', 30, code);
  if (code === -32) return new DeliveryError(text, 'rate_limited', ZALO_OA_RATE_BACKOFF_SECONDS, code);
  if (code === -224) return new DeliveryError(text, 'rate_limited', ZALO_OA_QUOTA_BACKOFF_SECONDS, code);
  if (code === -230) return new DeliveryError(text, 'out_of_window', undefined, code);
  if (code === -213 || code === -227) return new DeliveryError(text, 'blocked', undefined, code);
  if (code >= -10 && code < 0) return new DeliveryError(text, 'transient', undefined, code);
  return new DeliveryError(text, 'permanent', undefined, code);
}
