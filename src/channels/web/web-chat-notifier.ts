/**
 * Wakes the open event streams of a web visitor when a message for them is ready in the
 * outbox. In-process only: a stream served by another instance finds the message at its next
 * database check instead.
 */
export class WebChatNotifier {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Calls `listener` whenever the visitor has a new message; returns how to stop. */
  subscribe(visitorId: string, listener: () => void): () => void {
    const set = this.listeners.get(visitorId) ?? new Set();
    set.add(listener);
    this.listeners.set(visitorId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(visitorId) === set) this.listeners.delete(visitorId);
    };
  }

  notify(visitorId: string): void {
    for (const listener of this.listeners.get(visitorId) ?? []) listener();
  }
}
