/**
 * Gathers items while the previous write is under way and writes them together. Under load a
 * write waits its turn for the database; everything that arrives meanwhile rides along in the
 * next one, so many sends cost one statement. Each caller's promise settles with its batch.
 * With `delayMs`, a batch also waits that long after its first item for more to join.
 */
export function batchWrites<T>(write: (items: T[]) => Promise<void>, delayMs = 0): (item: T) => Promise<void> {
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
    next ??= delayMs ? previous.then(() => new Promise((resolve) => setTimeout(resolve, delayMs))).then(flush) : previous.then(flush);
    return next;
  };
}
