import { MAX_YEAR, MIN_YEAR } from '../domain/parse-year-arg.js';
import { localDate } from '../domain/period.js';
import { msg, type TMsg, type TReply } from '../core/message.js';
import type { TQueueJobResult } from '../core/turn-context.js';

/** The answer to a year outside what may be asked about, with this year as the example. */
export function yearOutOfRangeReply(now: Date): TReply {
  return { lines: [msg('errors.yearOutOfRange', { min: MIN_YEAR, max: MAX_YEAR, example: localDate(now).year })] };
}

/**
 * The answer to queueing a job for a year: `queued` as given, or that it is already under way.
 * The year is all a person types into such a job, so arguments its schema refused are a year
 * out of range.
 */
export function yearJobReply(result: TQueueJobResult, queued: TMsg, year: number, now: Date): TReply {
  if (result === 'invalid') return yearOutOfRangeReply(now);
  return { lines: [result === 'queued' ? queued : msg('jobs.alreadyRunning', { year })] };
}
