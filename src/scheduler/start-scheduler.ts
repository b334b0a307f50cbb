import cron from 'node-cron';
import type { OutboxDispatcher } from '../outbox/outbox-dispatcher.js';
import { runDigestSweep } from './run-digest-sweep.js';
import { runReminderSweep, type SweepDeps } from './run-reminder-sweep.js';

/**
 * node-cron only ticks; what is due and what was sent lives in the database. A tick that
 * finds the previous one still running is skipped rather than stacked.
 */
export function startScheduler(deps: SweepDeps & { outbox: OutboxDispatcher; expression?: string }) {
  let running: Promise<void> | undefined;
  const tick = async () => {
    const queued = [...(await runReminderSweep(deps)), ...(await runDigestSweep(deps))];
    if (queued.length) deps.logger.info({ queued: queued.length }, 'scheduled messages queued');
    await deps.outbox.sweep();
  };
  const run = () => {
    if (running) return running;
    running = tick()
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
