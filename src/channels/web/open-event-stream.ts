import { PassThrough } from 'node:stream';

export interface OpenEventStreamOptions<T extends { id: number }> {
  /** The newest message the page has. */
  after: number;
  /** Messages newer than `since`, oldest first. */
  read: (since: number) => Promise<T[]>;
  /** Calls `wake` when there may be new messages; returns how to stop. */
  subscribe: (wake: () => void) => () => void;
  /** Reads anyway this often (a message queued elsewhere); also keeps the connection alive. */
  checkEveryMs: number;
  /** Ends the stream after this long; the page's EventSource reconnects with the last id. */
  lifetimeMs: number;
}

/**
 * A server-sent event stream of a visitor's new messages: each event carries the messages and,
 * as its id, the newest one's number, which EventSource sends back when it reconnects.
 */
export function openEventStream<T extends { id: number }>({ after, read, subscribe, checkEveryMs, lifetimeMs }: OpenEventStreamOptions<T>) {
  const body = new PassThrough();
  let last = after;
  let reading = false;
  let again = false;
  let closed = false;

  const check = async () => {
    // Wakes during a read are folded into one more read after it.
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const messages = await read(last);
        if (closed) return;
        if (messages.length) {
          last = messages[messages.length - 1]!.id;
          body.write(`id: ${last}\ndata: ${JSON.stringify({ messages })}\n\n`);
        }
      } while (again && !closed);
    } catch {
      // The database is away: the next check tries again; the page still polls if we close.
    } finally {
      reading = false;
    }
  };

  const unsubscribe = subscribe(() => void check());
  const timer = setInterval(() => {
    body.write(': keep-alive\n\n');
    void check();
  }, checkEveryMs);
  const lifetime = setTimeout(() => close(), lifetimeMs);
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(timer);
    clearTimeout(lifetime);
    body.end();
  };
  body.once('close', close);
  // How long the page waits before reconnecting after the stream ends.
  body.write('retry: 3000\n\n');
  void check();
  return { body, close };
}
