import type { Telegram } from 'telegraf';

/**
 * Gives every call of this client a deadline. telegraf waits 500 s for an answer by default,
 * so one upload that hangs would hold its chat (and whoever waits on it) for minutes; a call
 * given up is retried like any other transient failure. A long poll is allowed its own wait
 * on top of the deadline. The caller's own signal (a shutdown) still aborts the call.
 */
export function limitCallTime(telegram: Telegram, timeoutMs: number): void {
  const call = telegram.callApi.bind(telegram);
  telegram.callApi = ((method: string, payload: Record<string, unknown>, options: { signal?: AbortSignal } = {}) => {
    const poll = method === 'getUpdates' ? Number(payload?.timeout ?? 0) * 1000 : 0;
    const timeout = AbortSignal.timeout(timeoutMs + poll);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    // telegraf types its signal with the abort-controller polyfill; Node's is compatible.
    return call(method as never, payload as never, { ...options, signal: signal as never });
  }) as typeof telegram.callApi;
}
