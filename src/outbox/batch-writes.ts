/**
 * Gathers items while the previous write is under way and writes them together. Under load a
 * write waits its turn for the database; everything that arrives meanwhile rides along in the
 * next one, so many sends cost one statement. Each caller's promise settles with its batch.
 */
export function batchWrites<T>(write: (items: T[]) => Promise<void>): (item: T) => Promise<void> {
  let waiting: T[] = [];
  let next: Promise<void> | undefined;
  let previous: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    const items = waiting;
    waiting = [];
    next = undefined;
    const written = write(items);
    previous = written.catch(() => undefined);
    await written;
  };
  return (item) => {
    waiting.push(item);
    next ??= previous.then(flush);
    return next;
  };
}
