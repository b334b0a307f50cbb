import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { DeliveryError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { batchWrites } from './batch-writes.js';
import { ZOutMessage, type ChannelSender, type OutboxRow } from './out-message.js';
import { groupBy } from '../group-by.js';

export interface OutboxDispatcherOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  senders: ChannelSender[];
  /** Attempts before a message is marked failed and shown to admins. */
  maxAttempts?: number;
  /** How long a claimed message stays reserved for the instance that claimed it. */
  leaseMs?: number;
  batchSize?: number;
  /** Chats served side by side. */
  concurrency?: number;
}

/** Minimum spacing between two sends of one bot, per platform. */
const CHANNEL_GAP_MS: Record<string, number> = { telegram: 34, zalo: 50, web: 0 };

/**
 * Delivers outbox rows. Several instances may run at once: a row is claimed with one
 * conditional update (status and lease), so only one instance sends it; a lease left by a
 * crashed instance expires and the row is sent again.
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
  private timer: NodeJS.Timeout | undefined;
  private readonly markSent = batchWrites<number>(async (ids) => {
    await this.options.db.outboxMessage.updateMany({
      where: { id: { in: ids } },
      data: { status: 'sent', sentAt: this.options.clock.now(), lockedBy: null, lockedUntil: null, lastError: null },
    });
  });
  private sweeping: Promise<void> | undefined;

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batchSize = options.batchSize ?? 200;
    this.concurrency = options.concurrency ?? 8;
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
   * reading them back; rows a sweep took first are left to it.
   */
  async deliverNow(rows: OutboxRow[]): Promise<void> {
    if (!rows.length) return;
    const now = this.options.clock.now();
    const { token, count } = await this.claim({ id: { in: rows.map((r) => r.id) }, status: 'pending' }, now);
    if (count === rows.length) await this.sendInOrder(rows.map((r) => ({ ...r, attempts: r.attempts + 1 })));
    else await this.sendClaimed(token);
  }

  /** Picks up everything due: retries, and rows left behind by a crash or restart. */
  async sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  start(intervalMs = 2_000): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.options.logger.error({ err: error }, 'outbox sweep failed'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
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
      take: this.batchSize,
      select: { id: true },
    });
    if (!due.length) return;
    const { token } = await this.claim(
      {
        id: { in: due.map((d) => d.id) },
        OR: [
          { status: 'pending', nextAttemptAt: { lte: now } },
          { status: 'sending', lockedUntil: { lt: now } },
        ],
      },
      now,
    );
    await this.sendClaimed(token);
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

  private async sendClaimed(token: string): Promise<void> {
    const rows = await this.options.db.outboxMessage.findMany({
      where: { lockedBy: token, status: 'sending' },
      orderBy: { id: 'asc' },
    });
    await this.sendInOrder(rows);
  }

  private async sendInOrder(rows: OutboxRow[]): Promise<void> {
    // One chat's messages go in order, one at a time; different chats side by side.
    const queues = [...groupBy(rows, (row) => `${row.channel}:${row.chatId}`).values()];
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const row of queue) await this.sendOne(row);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queues.length) }, worker));
  }

  private async sendOne(row: OutboxRow) {
    const { logger } = this.options;
    const sender = this.senders.get(row.channel)!;
    try {
      const message = ZOutMessage.parse(JSON.parse(row.payloadJson));
      if (row.kind === 'notice') await this.pace(row.channel, `${row.channel}:${row.chatId}`);
      await sender.send(row.chatId, message);
      await this.markSent(row.id);
    } catch (error) {
      await this.recordFailure(row.id, row.identityId, row.channel, row.attempts, error);
      logger.warn({ outboxId: row.id, channel: row.channel, err: error }, 'delivery failed');
    }
  }

  /**
   * Keeps proactive messages within the platform's limits: about 30 a second per bot on
   * Telegram, and one a second per chat. Replies to a person's own message are not held
   * back: they answer someone who is waiting, and a rare 429 on them is retried like any.
   */
  private async pace(channel: string, chat: string): Promise<void> {
    const gap = CHANNEL_GAP_MS[channel] ?? 0;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(channel) ?? 0);
    this.nextSlot.set(channel, slot + gap);
    const last = this.lastToChat.get(chat) ?? 0;
    const wait = Math.max(slot - now, last + 1000 - now);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.lastToChat.set(chat, Date.now());
    if (this.lastToChat.size > 50_000) this.lastToChat.clear();
  }

  private async recordFailure(id: number, identityId: string, channel: string, attempts: number, error: unknown): Promise<void> {
    const { db, clock } = this.options;
    const now = clock.now();
    const failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), 'permanent');
    const lastError = failure.message.slice(0, 500);
    const release = { lockedBy: null, lockedUntil: null, lastError };
    if (failure.kind === 'blocked') {
      await db.$transaction([
        db.outboxMessage.update({ where: { id }, data: { ...release, status: 'failed' } }),
        // Telegram says the person blocked the bot; Zalo only that it will not deliver.
        db.identity.update({ where: { id: identityId }, data: { status: channel === 'telegram' ? 'blocked' : 'unreachable', statusAt: now } }),
      ]);
      return;
    }
    if (failure.kind === 'permanent' || attempts >= this.maxAttempts) {
      await db.outboxMessage.update({ where: { id }, data: { ...release, status: 'failed' } });
      return;
    }
    const delayMs =
      failure.kind === 'rate_limited'
        ? (failure.retryAfterSeconds ?? 1) * 1000
        : Math.min(600_000, 1000 * 2 ** Math.max(0, attempts - 1));
    await db.outboxMessage.update({
      where: { id },
      data: { ...release, status: 'pending', nextAttemptAt: new Date(now.getTime() + delayMs) },
    });
  }
}
