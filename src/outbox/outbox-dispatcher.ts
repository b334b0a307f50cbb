import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { TraitsOf } from '../core/channel-traits.js';
import { DeliveryError, LeaseLostError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Db, Tx } from '../store/db.js';
import { batchWrites } from './batch-writes.js';
import { markMessagesSent } from './mark-messages-sent.js';
import { ZOutMessage, type ChannelSender, type OutboxClaim, type OutboxRow, type SendProgress } from './out-message.js';
import { groupBy } from '../group-by.js';

export interface OutboxDispatcherOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  senders: ChannelSender[];
  /** What each platform allows: the pace of proactive messages, what a refusal means. */
  traitsOf: TraitsOf;
  /** Attempts before a message is marked failed and shown to admins. */
  maxAttempts?: number;
  /** How long a claimed message stays reserved for the instance that claimed it. */
  leaseMs?: number;
  batchSize?: number;
  /** Sends under way at once, across all chats. */
  concurrency?: number;
}

const MARK_DELAY_MS = 5;

/** A row this instance holds, under the token of the claim that took it. */
interface ClaimedRow extends OutboxRow {
  token: string;
  /** When the claim's lease runs out, on the dispatcher's clock. */
  leaseUntil: number;
}

/**
 * Delivers outbox rows. Several instances may run at once: a row is claimed with one
 * conditional update (status and lease), so only one instance sends it; a lease left by a
 * crashed instance expires and the row is sent again. What a send ends in is written only
 * while the lease that sent it still holds, so a send that finishes late cannot undo the work
 * of the instance that took the row over.
 *
 * Each chat has a lane: its messages go one at a time, in order, whoever queued them (a turn,
 * a job, a sweep). Lanes are independent, so a slow upload to one person holds that person's
 * lane only, and nobody waits for a delivery to finish before the next update is taken.
 */
export class OutboxDispatcher {
  private readonly instance = randomUUID();
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly senders: Map<string, ChannelSender>;
  private readonly concurrency: number;
  private readonly nextSlot = new Map<string, number>();
  private readonly lastToChat = new Map<string, number>();
  private readonly lanes = new Map<string, Promise<void>>();
  /** Rows claimed by this instance and not through their lane, or not marked sent, yet. */
  private readonly holding = new Set<number>();
  /** Marks of sent rows being written; stop() waits for them. */
  private readonly marking = new Set<Promise<void>>();
  private active = 0;
  private readonly waitingForSlot: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  // Marks wait a few milliseconds for others to join: under load several turns' replies are
  // then marked in one statement. Nothing waits for them but deliverNow's caller.
  private readonly markSent = batchWrites<{ id: number; token: string }>((messages) => markMessagesSent(this.options.db, { messages, now: this.options.clock.now() }), MARK_DELAY_MS);
  private claiming: Promise<{ sent: Promise<void> }> | undefined;

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batchSize = options.batchSize ?? 200;
    this.concurrency = options.concurrency ?? 16;
    this.senders = new Map(options.senders.map((s) => [s.channel, s]));
  }

  /** Channels join as they start; rows for a channel without a sender wait. */
  addSender(sender: ChannelSender): void {
    this.senders.set(sender.channel, sender);
  }

  senderFor(channel: string): ChannelSender | undefined {
    return this.senders.get(channel);
  }

  /**
   * Sends these rows now, in order; used right after the transaction that queued them commits.
   * When the claim took every row (the usual case), they are sent as they were queued, without
   * reading them back; rows a sweep took first are left to it. Resolves once they are sent (or
   * their failure recorded); callers answering a person need not wait for that.
   */
  async deliverNow(queued: OutboxRow[]): Promise<void> {
    if (!queued.length) return;
    // Rows inserted under a claim of this instance are sent as they are; a claim is per
    // channel, so for a turn it is all of its rows or none.
    const claimed = queued.filter((r) => r.lockedBy?.startsWith(this.instance) && r.lockedUntil);
    // Started, not awaited: the rest (notices to other chats) must not wait for this lane.
    const first = claimed.length ? this.enqueue(claimed.map((r) => ({ ...r, token: r.lockedBy!, leaseUntil: r.lockedUntil!.getTime() }))) : Promise.resolve();
    if (claimed.length === queued.length) return first;
    const rows = claimed.length ? queued.filter((r) => !claimed.includes(r)) : queued;
    const now = this.options.clock.now();
    const { token, count } = await this.claim({ id: { in: rows.map((r) => r.id) }, status: 'pending' }, now);
    const leaseUntil = now.getTime() + this.leaseMs;
    const rest = count === rows.length ? this.enqueue(rows.map((r) => ({ ...r, attempts: r.attempts + 1, token, leaseUntil }))) : this.enqueue(await this.readClaimed(token, leaseUntil));
    await Promise.all([first, rest]);
  }

  /**
   * A claim to insert new rows of a channel with, when this instance can send there: the
   * rows are then delivered by deliverNow without claiming them after the commit.
   */
  readonly claimAtQueueing = (channel: string, now: Date): OutboxClaim | undefined => {
    if (!this.senders.has(channel)) return undefined;
    return { lockedBy: `${this.instance}:${randomUUID()}`, lockedUntil: new Date(now.getTime() + this.leaseMs) };
  };

  /**
   * Picks up everything due: retries, and rows left behind by a crash or restart. Resolves
   * when what was due, and what this instance was already sending, has been through.
   */
  async sweep(): Promise<void> {
    // Claims are taken one at a time; what they claimed is sent in the chats' lanes, so a
    // sweep waiting for a slow send does not keep the next one from claiming other rows.
    const claimed = await (this.claiming ??= this.claimDue().finally(() => {
      this.claiming = undefined;
    }));
    await claimed.sent;
    await Promise.allSettled([...this.lanes.values()]);
    await Promise.allSettled([...this.marking]);
  }

  start(intervalMs = 2_000): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.options.logger.error({ err: error }, 'outbox sweep failed'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.claiming?.catch(() => undefined);
    await Promise.allSettled([...this.lanes.values()]);
    await Promise.allSettled([...this.marking]);
  }

  private async claimDue(): Promise<{ sent: Promise<void> }> {
    const now = this.options.clock.now();
    const due = await this.options.db.outboxMessage.findMany({
      where: {
        channel: { in: [...this.senders.keys()] },
        OR: [
          { status: 'pending', nextAttemptAt: { lte: now } },
          { status: 'sending', lockedUntil: { lt: now } },
        ],
      },
      orderBy: { id: 'asc' },
      // Rows this instance still holds are skipped below: they must not fill the batch.
      take: this.batchSize + this.holding.size,
      select: { id: true },
    });
    // A row still waiting in one of this instance's lanes is not claimed a second time here.
    const free = due.filter((d) => !this.holding.has(d.id));
    if (!free.length) return { sent: Promise.resolve() };
    const { token } = await this.claim(
      {
        id: { in: free.map((d) => d.id) },
        OR: [
          { status: 'pending', nextAttemptAt: { lte: now } },
          { status: 'sending', lockedUntil: { lt: now } },
        ],
      },
      now,
    );
    const rows = await this.readClaimed(token, now.getTime() + this.leaseMs);
    return { sent: this.enqueue(rows) };
  }

  /**
   * Reserves rows under a token of this claim alone: an immediate delivery and a sweep of the
   * same instance run side by side, and each must send only what it claimed itself.
   */
  private async claim(where: object, now: Date): Promise<{ token: string; count: number }> {
    const token = `${this.instance}:${randomUUID()}`;
    const { count } = await this.options.db.outboxMessage.updateMany({
      where: { ...where, channel: { in: [...this.senders.keys()] } },
      data: {
        status: 'sending',
        lockedBy: token,
        lockedUntil: new Date(now.getTime() + this.leaseMs),
        attempts: { increment: 1 },
      },
    });
    return { token, count };
  }

  private async readClaimed(token: string, leaseUntil: number): Promise<ClaimedRow[]> {
    const rows = await this.options.db.outboxMessage.findMany({
      where: { lockedBy: token, status: 'sending' },
      orderBy: { id: 'asc' },
    });
    return rows.map((row) => ({ ...row, token, leaseUntil }));
  }

  /**
   * Appends rows to their chats' lanes; resolves when all of them have been through and the
   * ones sent are marked so.
   */
  private enqueue(rows: ClaimedRow[]): Promise<void> {
    for (const row of rows) this.holding.add(row.id);
    const marks: Promise<void>[] = [];
    const lanes = [...groupBy(rows, (row) => `${row.channel}:${row.chatId}`)].map(([key, queue]) => {
      const before = this.lanes.get(key) ?? Promise.resolve();
      const done = before.then(async () => {
        // A turn's replies to one chat are marked sent together, in one statement, once the
        // last is out. The lane does not wait for that write: the next message to the chat
        // goes out meanwhile. Marks are started before any wait, so no lease runs out.
        const sent: ClaimedRow[] = [];
        const marking = new Set<ClaimedRow>();
        const markAll = () => {
          if (!sent.length) return;
          const batch = sent.splice(0);
          for (const row of batch) marking.add(row);
          marks.push(this.mark(batch));
        };
        try {
          for (const row of queue) {
            // Proactive messages keep their pace before taking a slot: waiting for it inside
            // one would hold a slot that a person's reply in another lane needs.
            if (row.kind === 'notice') {
              markAll();
              await this.pace(row.channel, `${row.channel}:${row.chatId}`);
            }
            if (await this.withSlot(() => this.sendOne(row))) sent.push(row);
            else this.holding.delete(row.id);
          }
          markAll();
        } finally {
          // Rows being marked leave `holding` when their mark is written.
          for (const row of queue) if (!marking.has(row)) this.holding.delete(row.id);
        }
      });
      // A lane goes on after a failure to record one (the database away): the rows stay
      // claimed and come back to a sweep when their lease runs out.
      const settled = done.catch(() => undefined);
      this.lanes.set(key, settled);
      void settled.then(() => {
        if (this.lanes.get(key) === settled) this.lanes.delete(key);
      });
      return done;
    });
    return Promise.all(lanes).then(async () => {
      await Promise.all(marks);
    });
  }

  /** Marks rows sent; a failure is logged, never thrown (see below). */
  private mark(rows: ClaimedRow[]): Promise<void> {
    const written: Promise<void> = Promise.all(rows.map((row) => this.markSent({ id: row.id, token: row.token })))
      .then(
        () => undefined,
        (error: unknown) => {
          // Left claimed: when the lease runs out a sweep sends them again, as after a crash.
          this.options.logger.warn({ err: error, outboxIds: rows.map((r) => r.id) }, 'could not mark messages sent');
        },
      )
      .finally(() => {
        for (const row of rows) this.holding.delete(row.id);
        this.marking.delete(written);
      });
    this.marking.add(written);
    return written;
  }

  /** Bounds the sends under way at once; a lane waiting for a slot holds none. */
  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waitingForSlot.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waitingForSlot.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** True when the message went out; the caller marks it sent. */
  private async sendOne(row: ClaimedRow): Promise<boolean> {
    const { logger } = this.options;
    const sender = this.senders.get(row.channel)!;
    try {
      const message = row.message ?? ZOutMessage.parse(JSON.parse(row.payloadJson));
      if (!(await this.holdLease(row))) return false;
      await sender.send(row.chatId, message, this.progressOf(row));
      return true;
    } catch (error) {
      if (error instanceof LeaseLostError) {
        logger.warn({ outboxId: row.id }, 'lease lost mid-message; the rest is left to the new holder');
        return false;
      }
      await this.recordFailure(row, error);
      logger.warn({ outboxId: row.id, channel: row.channel, err: error }, 'delivery failed');
      return false;
    }
  }

  /**
   * Remembers each part of a multi-part message as it goes out (one write per part but the
   * last; a plain text has a single part and costs nothing), renewing the lease with it.
   */
  private progressOf(row: ClaimedRow): SendProgress {
    return {
      done: row.partsSent ?? 0,
      sent: async (parts) => {
        const now = this.options.clock.now().getTime();
        const { count } = await this.options.db.outboxMessage.updateMany({
          where: { id: row.id, lockedBy: row.token, status: 'sending' },
          data: { partsSent: parts, lockedUntil: new Date(now + this.leaseMs) },
        });
        if (count !== 1) throw new LeaseLostError(row.id);
        row.leaseUntil = now + this.leaseMs;
      },
    };
  }

  /**
   * A row that waited long in its lane (behind slow sends) renews its lease before it is sent,
   * so no other instance takes it over mid-send; if another one already has, it is theirs.
   */
  private async holdLease(row: ClaimedRow): Promise<boolean> {
    const now = this.options.clock.now().getTime();
    if (row.leaseUntil - now > this.leaseMs / 2) return true;
    const { count } = await this.options.db.outboxMessage.updateMany({
      where: { id: row.id, lockedBy: row.token, status: 'sending' },
      data: { lockedUntil: new Date(now + this.leaseMs) },
    });
    row.leaseUntil = now + this.leaseMs;
    return count === 1;
  }

  /**
   * Keeps proactive messages within the platform's limits: its gap between two sends of the
   * bot, and one a second per chat. Replies to a person's own message are not held
   * back: they answer someone who is waiting, and a rare 429 on them is retried like any.
   */
  private async pace(channel: string, chat: string): Promise<void> {
    const gap = this.options.traitsOf(channel).sendGapMs;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(channel) ?? 0);
    this.nextSlot.set(channel, slot + gap);
    const last = this.lastToChat.get(chat) ?? 0;
    const wait = Math.max(slot - now, last + 1000 - now);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.lastToChat.set(chat, Date.now());
    if (this.lastToChat.size > 50_000) this.lastToChat.clear();
  }

  private async recordFailure(row: ClaimedRow, error: unknown): Promise<void> {
    const { db, clock, logger } = this.options;
    const { id, token, attempts } = row;
    const now = clock.now();
    const failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), 'permanent');
    const lastError = failure.message.slice(0, 500);
    const release = { lockedBy: null, lockedUntil: null, lastError };
    const mine = { id, lockedBy: token, status: 'sending' };
    let data: Record<string, unknown>;
    if (failure.kind === 'out_of_window') {
      // Waits, without a next attempt, until the person writes again (see wakeWaitingMessages).
      data = { ...release, status: 'waiting', attempts: { decrement: 1 } };
    } else if (failure.kind === 'suspended') {
      data = { ...release, status: 'pending', attempts: { decrement: 1 }, nextAttemptAt: new Date(now.getTime() + (failure.retryAfterSeconds ?? 60) * 1000) };
    } else if (failure.kind === 'blocked' || failure.kind === 'permanent' || attempts >= this.maxAttempts) {
      data = { ...release, status: 'failed' };
    } else {
      const delayMs =
        failure.kind === 'rate_limited'
          ? (failure.retryAfterSeconds ?? 1) * 1000
          : Math.min(600_000, 1000 * 2 ** Math.max(0, attempts - 1));
      data = { ...release, status: 'pending', nextAttemptAt: new Date(now.getTime() + delayMs) };
    }
    const record = async (tx: Db | Tx) => {
      const { count } = await tx.outboxMessage.updateMany({ where: mine, data });
      // A person who refused the bot is marked so together with the row: never one without the other.
      if (count === 1 && failure.kind === 'blocked') {
        await tx.identity.update({ where: { id: row.identityId }, data: { status: this.options.traitsOf(row.channel).refusal, statusAt: now } });
      }
      return count;
    };
    const count = failure.kind === 'blocked' ? await db.$transaction((tx) => record(tx)) : await record(db);
    if (count !== 1) {
      // The lease ran out and another instance took the row over (and may have sent it).
      logger.warn({ outboxId: id }, 'delivery outcome came after the lease moved on; left to the new holder');
    }
  }
}
