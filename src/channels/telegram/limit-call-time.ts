import type { Telegram } from 'telegraf';

/**
 * Gives every call of this client a deadline. telegraf waits 500 s for an answer by default,
 * so one upload that hangs would hold its chat (and whoever waits on it) for minutes; a call
 * given up is retried like any other transient failure. A long poll is allowed its own wait
 * on top of the deadline. The caller's own signal (a shutdown) still aborts the call.
 *
 * The deadline's timer is cleared as soon as the call ends: a timer left to run out (as
 * `AbortSignal.timeout` leaves it) keeps its signal, and what listens to it, alive for the
 * whole deadline after every send, thousands of them at a busy moment.
 */
export function limitCallTime(telegram: Telegram, timeoutMs: number): void {
  const call = telegram.callApi.bind(telegram);
  telegram.callApi = (async (method: string, payload: Record<string, unknown>, options: { signal?: AbortSignal } = {}) => {
    const poll = method === 'getUpdates' ? Number(payload?.timeout ?? 0) * 1000 : 0;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), timeoutMs + poll);
    timer.unref();
    const caller = options.signal;
    const abort = () => deadline.abort(caller?.reason);
    if (caller?.aborted) abort();
    else caller?.addEventListener('abort', abort, { once: true });
    try {
      // telegraf types its signal with the abort-controller polyfill; Node's is compatible.
      return await call(method as never, payload as never, { ...options, signal: deadline.signal as never });
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener('abort', abort);
    }
  }) as typeof telegram.callApi;
}
