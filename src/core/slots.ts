/**
 * Bounds the work of one kind under way at once in this process; work past the bound waits
 * here, in arrival order. Turns use it so that piled-up turns do not wait inside the database
 * (SQLite has one connection, PostgreSQL a small pool) holding their memory; photo fetches, so
 * that a flood of photo links cannot hold many large bodies in memory at once.
 */
export class Slots {
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

  /** Work waiting for a slot, for status pages and tests. */
  get queued(): number {
    return this.waiting.length;
  }
}
