/**
 * Bounds the work of one kind under way at once in this process; work past the bound waits
 * here. Waiting work is let in lane by lane in turn, and in arrival order within a lane: turns
 * wait in their channel's lane, so a flood on the public web chat delays the web chat, not the
 * officials' and contacts' Telegram or Zalo. Turns use it so that piled-up turns do not wait inside the database
 * (SQLite has one connection, PostgreSQL a small pool) holding their memory; photo fetches, so
 * that a flood of photo links cannot hold many large bodies in memory at once.
 */
export class Slots {
  private active = 0;
  /** Waiting work by lane; the lane served last moves to the back. */
  private readonly lanes = new Map<string, (() => void)[]>();
  private waiting = 0;

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>, lane = ''): Promise<T> {
    if (this.active >= this.size) {
      await new Promise<void>((resolve) => {
        const queue = this.lanes.get(lane);
        if (queue) queue.push(resolve);
        else this.lanes.set(lane, [resolve]);
        this.waiting++;
      });
    } else this.active++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, so a newcomer cannot overtake it.
      const next = this.next();
      if (next) next();
      else this.active--;
    }
  }

  private next(): (() => void) | undefined {
    for (const [lane, queue] of this.lanes) {
      const next = queue.shift()!;
      this.lanes.delete(lane);
      if (queue.length) this.lanes.set(lane, queue);
      this.waiting--;
      return next;
    }
    return undefined;
  }

  /** Work waiting for a slot, for status pages and tests. */
  get queued(): number {
    return this.waiting;
  }
}
