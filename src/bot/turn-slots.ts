/**
 * Bounds the turns under way at once in this process. A turn past the bound waits here, in
 * arrival order, before it opens a transaction: piled-up turns would only wait inside the
 * database (SQLite has one connection, PostgreSQL a small pool) holding their memory, while
 * the writes that mark replies delivered queue behind them and every answer slows down.
 */
export class TurnSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, so a newcomer cannot overtake it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Turns waiting for a slot, for status pages and tests. */
  get queued(): number {
    return this.waiting.length;
  }
}
