import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Clock } from '../clock.js';
import { ZChannel } from '../domain/channel.js';
import type { TLocale } from '../domain/locale.js';
import { hasRole } from '../domain/role.js';
import type { TIdentityView } from '../core/person-view.js';
import { msg, type TMsg } from '../core/message.js';
import type { Translator } from '../i18n/create-translator.js';
import type { Logger } from '../logger.js';
import type { ChannelSender, StatusMessage } from '../outbox/out-message.js';
import type { OutboxDispatcher } from '../outbox/outbox-dispatcher.js';
import { queueReplies } from '../outbox/queue-replies.js';
import type { RenderReply } from '../outbox/render-reply.js';
import { personIn, type CampaignDirectory } from '../core/campaigns.js';
import { getPersonView } from '../people/get-person-view.js';
import type { Db } from '../store/db.js';
import type { AnyJob, FinishJob } from './job.js';

export interface JobRunnerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  translator: Translator;
  render: RenderReply;
  outbox: OutboxDispatcher;
  jobs: readonly AnyJob[];
  campaigns: CampaignDirectory;
  defaultLocale: TLocale;
  /** A job still running after this long gets a status message that follows its progress. */
  statusAfterMs?: number;
  /** How long a claimed job stays reserved; a crashed instance's job is taken up after it. */
  leaseMs?: number;
  maxAttempts?: number;
}

type JobRow = { id: string; kind: string; argsJson: string; personId: string; campaignId: string | null; attempts: number; identity: { id: string; channel: string; chatId: string } };

/** Edits of one message are rate-limited by the platforms; one a second is safe. */
const EDIT_EVERY_MS = 1_000;

/**
 * Runs queued jobs one at a time, outside any turn. Each is claimed with a lease, so one
 * instance runs it; its result is committed with the job marked done, then delivered.
 */
export class JobRunner {
  private readonly instance = randomUUID();
  private readonly byKind: Map<string, AnyJob>;
  private readonly statusAfterMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.byKind = new Map(options.jobs.map((j) => [j.kind, j]));
    this.statusAfterMs = options.statusAfterMs ?? 2_000;
    this.leaseMs = options.leaseMs ?? 10 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  start(intervalMs = 5_000): void {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  /** Runs what is due now; called after a turn queued a job, and by the timer. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'job run failed'))
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when nothing is running; tests use it to wait for a job. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
  }

  private async drain(): Promise<void> {
    for (let job = await this.claim(); job && !this.stopped; job = await this.claim()) await this.runOne(job);
  }

  private async claim(): Promise<{ row: JobRow; token: string } | undefined> {
    const { db, clock } = this.options;
    const now = clock.now();
    const due = {
      OR: [
        { status: 'pending', OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
        { status: 'running', lockedUntil: { lt: now } },
      ],
    };
    const next = await db.job.findFirst({ where: due, orderBy: { createdAt: 'asc' }, select: { id: true } });
    if (!next) return undefined;
    const token = `${this.instance}:${randomUUID()}`;
    const claimed = await db.job.updateMany({
      where: { id: next.id, ...due },
      data: { status: 'running', lockedBy: token, lockedUntil: new Date(now.getTime() + this.leaseMs), attempts: { increment: 1 } },
    });
    // Another instance took it between the two statements: look for the next one.
    if (claimed.count !== 1) return this.claim();
    const row = await db.job.findUniqueOrThrow({ where: { id: next.id }, include: { identity: true } });
    return { row, token };
  }

  private async runOne({ row, token }: { row: JobRow; token: string }): Promise<void> {
    const { db, clock, logger } = this.options;
    const definition = this.byKind.get(row.kind);
    // The campaign the command was given in; a job from before campaigns were kept reads the main one.
    const campaign = this.options.campaigns.byId(row.campaignId) ?? this.options.campaigns.main;
    const person = personIn(await getPersonView(db, row.personId, this.options.defaultLocale), campaign, this.options.campaigns);
    const identity: TIdentityView = { id: row.identity.id, channel: ZChannel.parse(row.identity.channel), chatId: row.identity.chatId };
    // A job that brought the process down (out of memory) would do so again for ever.
    if (!definition || row.attempts > this.maxAttempts) {
      await this.fail(row, token, person.locale, identity, new Error(definition ? 'too many attempts' : `unknown job kind ${row.kind}`), true);
      return;
    }
    if (!hasRole(person.roles, definition.actsFor)) {
      await this.fail(row, token, person.locale, identity, new RoleLostError(), true);
      return;
    }
    const display = new ProgressDisplay(this.options.outbox.senderFor(identity.channel), identity.chatId, definition.activity, this.statusAfterMs, logger, (m) =>
      this.options.translator.render(person.locale, m),
    );
    const progressKey = definition.progressKey;
    try {
      const args = definition.args.parse(JSON.parse(row.argsJson));
      const finish: FinishJob = await definition.run(args, {
        db,
        clock,
        campaignId: campaign.id,
        person,
        progress: async (done, total) => {
          display.update(msg(progressKey, { done, total, percent: Math.round((done / Math.max(total, 1)) * 100) }));
          // Long loops call this often: each call lets other people's turns run in between.
          await yieldToEventLoop();
        },
      });
      const queued = await db.$transaction(
        async (tx) => {
          const mine = await tx.job.updateMany({ where: { id: row.id, lockedBy: token, status: 'running' }, data: { status: 'done', finishedAt: clock.now(), lockedBy: null, lockedUntil: null, lastError: null } });
          // The lease ran out and another instance took the job over: its result will do.
          if (mine.count !== 1) return [];
          // The role may have been revoked while the work ran.
          const current = personIn(await getPersonView(tx, row.personId, this.options.defaultLocale), campaign, this.options.campaigns);
          if (!hasRole(current.roles, definition.actsFor)) throw new RoleLostError();
          const replies = await finish(tx);
          return queueReplies(tx, { identity, locale: person.locale, replies, render: this.options.render, now: clock.now(), dedupeKey: `job:${row.id}` });
        },
        { maxWait: 15_000, timeout: 60_000 },
      );
      await display.close(msg('jobs.done'));
      await this.options.outbox.deliverNow(queued);
    } catch (error) {
      const final = error instanceof RoleLostError || row.attempts >= this.maxAttempts;
      await display.close(msg(final ? 'jobs.gaveUp' : 'jobs.stalled'));
      await this.fail(row, token, person.locale, identity, error, final);
    }
  }

  private async fail(row: JobRow, token: string, locale: TLocale, identity: TIdentityView, error: unknown, final: boolean): Promise<void> {
    const { db, clock, logger } = this.options;
    logger.error({ err: error, jobId: row.id, kind: row.kind, attempt: row.attempts, final }, 'job failed');
    const lastError = String((error as Error)?.message ?? error).slice(0, 500);
    const now = clock.now();
    if (!final) {
      await db.job.updateMany({
        where: { id: row.id, lockedBy: token },
        data: { status: 'pending', lockedBy: null, lockedUntil: new Date(now.getTime() + 30_000 * row.attempts), lastError },
      });
      this.retryLater(30_000 * row.attempts);
      return;
    }
    const queued = await db.$transaction(async (tx) => {
      const mine = await tx.job.updateMany({ where: { id: row.id, lockedBy: token }, data: { status: 'failed', finishedAt: now, lockedBy: null, lockedUntil: null, lastError } });
      if (mine.count !== 1) return [];
      const text = msg(error instanceof RoleLostError ? 'jobs.roleLost' : 'jobs.failed');
      return queueReplies(tx, { identity, locale, replies: [{ lines: [text] }], render: this.options.render, now, dedupeKey: `job:${row.id}:failed` });
    });
    await this.options.outbox.deliverNow(queued);
  }

  private retryLater(ms: number): void {
    setTimeout(() => this.kick(), ms + 50).unref();
  }
}

/** The person no longer holds the role the job's result is for: it is not retried. */
class RoleLostError extends Error {
  constructor() {
    super('the role the job acts for was revoked');
  }
}

/**
 * What a person sees while a job runs: the chat action ("sending a file…") renewed while it
 * lasts and, once it takes longer than a moment, a status message edited with the progress.
 * Channels without these show nothing more than the acknowledgement already sent; a failure
 * here never fails the job.
 */
class ProgressDisplay {
  private readonly activityTimer: NodeJS.Timeout | undefined;
  private readonly statusTimer: NodeJS.Timeout | undefined;
  private status: Promise<StatusMessage | undefined> | undefined;
  private latest: TMsg | undefined;
  private lastEdit = 0;
  private shown: string | undefined;
  // Edits go out one after another, so the last one written is the last one shown.
  private edits: Promise<void> = Promise.resolve();

  constructor(
    private readonly sender: ChannelSender | undefined,
    private readonly chatId: string,
    private readonly activity: 'document' | 'photo',
    statusAfterMs: number,
    private readonly logger: Logger,
    private readonly text: (m: TMsg) => string,
  ) {
    if (sender?.showActivity) {
      this.showActivity();
      if (sender.activityRenewMs) this.activityTimer = setInterval(() => this.showActivity(), sender.activityRenewMs);
    }
    if (sender?.sendStatus) this.statusTimer = setTimeout(() => this.openStatus(), statusAfterMs);
  }

  update(m: TMsg): void {
    this.latest = m;
    if (this.status && Date.now() - this.lastEdit >= EDIT_EVERY_MS) void this.edit(m);
  }

  async close(final: TMsg): Promise<void> {
    clearInterval(this.activityTimer);
    clearTimeout(this.statusTimer);
    if (this.status) await this.edit(final);
  }

  private showActivity(): void {
    this.sender?.showActivity?.(this.chatId, this.activity).catch((error: unknown) => this.logger.debug({ err: error }, 'chat action failed'));
  }

  private openStatus(): void {
    const first = this.text(this.latest ?? msg('jobs.started'));
    this.lastEdit = Date.now();
    this.shown = first;
    this.status = this.sender!.sendStatus!(this.chatId, first).catch((error: unknown) => {
      this.logger.debug({ err: error }, 'status message failed');
      return undefined;
    });
  }

  private edit(m: TMsg): Promise<void> {
    const text = this.text(m);
    if (text === this.shown) return this.edits;
    this.shown = text;
    this.lastEdit = Date.now();
    this.edits = this.edits.then(async () => {
      const status = await this.status;
      await status?.edit(text).catch((error: unknown) => this.logger.debug({ err: error }, 'status edit failed'));
    });
    return this.edits;
  }
}
