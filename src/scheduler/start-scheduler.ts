import cron from 'node-cron';
import type { OutboxDispatcher } from '../outbox/outbox-dispatcher.js';
import { runDigestSweep } from './run-digest-sweep.js';
import { runReminderSweep, type SweepDeps } from './run-reminder-sweep.js';

export type SchedulerDeps = SweepDeps & { outbox: OutboxDispatcher };

/** One pass of scheduled work: reminders, the digest, then delivery of what they queued. */
export async function runScheduledWork(deps: SchedulerDeps): Promise<void> {
  const queued = [...(await runReminderSweep(deps)), ...(await runDigestSweep(deps))];
  if (queued.length) deps.logger.info({ queued: queued.length }, 'scheduled messages queued');
  await deps.outbox.sweep();
}

/**
 * node-cron only ticks; what is due and what was sent lives in the database. A tick that
 * finds the previous one still running is skipped rather than stacked.
 */
export function startScheduler(deps: SchedulerDeps & { expression?: string }) {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return running;
    running = runScheduledWork(deps)
      .catch((error: unknown) => deps.logger.error({ err: error }, 'scheduler tick failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const task = cron.schedule(deps.expression ?? '* * * * *', () => void run());
  return {
    /** Runs one tick now (at start-up, and in tests). */
    runNow: run,
    stop: async () => {
      await task.stop();
      await running;
    },
  };
}
