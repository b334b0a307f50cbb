import v8 from 'node:v8';
import vm from 'node:vm';
import type { Update } from 'telegraf/types';
import type { App } from '../../src/app.js';
import type { FakeTelegramApi } from './fake-telegram-api.js';
import { telegramOf } from './start-test-app.js';
import { JOURNEY_UPDATES, UpdateStream } from './update-stream.js';

// A full collection before each sample, so what is measured is what stays alive.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

export interface SoakSample {
  updates: number;
  heapMb: number;
  rssMb: number;
}

export interface SoakResult {
  samples: SoakSample[];
  /** Growth of the live heap per 1,000 updates after warm-up, by least squares. */
  heapSlopeKbPer1000: number;
  rssSlopeKbPer1000: number;
  perSecond: number;
  /** Journeys that ended with a tracking code, and answers that were the internal-error apology. */
  completed: number;
  apologies: number;
}

function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx ? sxy / sxx : 0;
}

/**
 * Drives `updates` updates through the real bot, `concurrency` newcomers at a time, each
 * doing a whole first journey, and samples the live heap and RSS along the way. The first
 * quarter is warm-up (caches, compiled code) and left out of the trend.
 */
export async function soak(options: { app: App; api: FakeTelegramApi; updates: number; concurrency?: number; samples?: number; firstUser?: number }): Promise<SoakResult> {
  const { app, api, updates } = options;
  const stream = new UpdateStream(api);
  const every = Math.max(JOURNEY_UPDATES, Math.floor(updates / (options.samples ?? 20)));
  const samples: SoakSample[] = [];
  let handled = 0;
  let nextSample = every;
  const sample = () => {
    collectGarbage();
    const m = process.memoryUsage();
    samples.push({ updates: handled, heapMb: m.heapUsed / 1048576, rssMb: m.rss / 1048576 });
  };
  let user = options.firstUser ?? 50_000_000;
  const journeys = Math.ceil(updates / JOURNEY_UPDATES);
  let started = 0;
  let completed = 0;
  let apologies = 0;
  const begun = performance.now();
  const send = async (u: Update) => {
    await telegramOf(app).handleUpdate(u);
    handled++;
  };
  const worker = async () => {
    while (started < journeys) {
      started++;
      const me = user++;
      await stream.journey(me, send);
      // The last answer may come from the outbox sweep a moment after the update was handled.
      for (const deadline = Date.now() + 15_000; Date.now() < deadline && !api.messagesTo(me).some((m) => m.text.includes('Mã theo dõi')); ) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const answers = api.messagesTo(me);
      if (answers.some((m) => m.text.includes('Mã theo dõi'))) completed++;
      apologies += answers.filter((m) => m.text.includes('Xin lỗi, đã có lỗi')).length;
      api.forgetChat(me);
      if (handled >= nextSample) {
        nextSample += every;
        sample();
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  const perSecond = handled / ((performance.now() - begun) / 1000);
  sample();
  const steady = samples.slice(Math.floor(samples.length / 4));
  return {
    samples,
    heapSlopeKbPer1000: slope(steady.map((s) => [s.updates / 1000, s.heapMb * 1024])),
    rssSlopeKbPer1000: slope(steady.map((s) => [s.updates / 1000, s.rssMb * 1024])),
    perSecond,
    completed,
    apologies,
  };
}
