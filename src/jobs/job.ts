import type { z } from 'zod';
import type { Clock } from '../clock.js';
import type { TRole } from '../domain/role.js';
import type { TReply } from '../core/message.js';
import type { TPersonView } from '../core/person-view.js';
import type { Db, Tx } from '../store/db.js';

export interface JobContext {
  /** Reads go straight to the database, one short query at a time: no transaction is held. */
  db: Db;
  clock: Clock;
  campaignId: string;
  person: TPersonView;
  /** Reports how far the work is, as steps done of a total; shown to the person. */
  progress(done: number, total: number): Promise<void>;
}

/** What a finished job leaves: replies, written with its files in one short transaction. */
export type FinishJob = (tx: Tx) => Promise<TReply[]>;

/**
 * Work that takes longer than a turn. `run` does the heavy part outside any transaction and
 * returns `finish`, which stores the result and says what to send; the runner commits that
 * together with marking the job done, so a crash never sends half a result nor loses one.
 */
export interface JobDefinition<A> {
  kind: string;
  args: z.ZodType<A>;
  /** What the person sees while it runs: a document being sent, or photos. */
  activity: 'document' | 'photo';
  /** The status line shown while it runs, as an i18n key with {{done}} and {{total}}. */
  progressKey: string;
  /**
   * The role the result is for. A job runs after the turn that asked for it (after a restart,
   * possibly much later), so the runner checks the role again before the work and when the
   * result is stored; a person who lost it meanwhile gets nothing of the result.
   */
  actsFor: TRole;
  run(args: A, ctx: JobContext): Promise<FinishJob>;
}

export function defineJob<A>(job: JobDefinition<A>): JobDefinition<A> {
  return job;
}

// The registry holds jobs of different argument types; each is only fed its own.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<any>;
