/**
 * Load against a bot: open loop (Poisson arrivals at a fixed rate, latency from the arrival)
 * and closed loop (a fixed number of people, each sending their next step as soon as the last
 * one was answered).
 */
import { Person, percentile, runStep, stepName, type Target } from './journeys.js';

export interface OpenLoopResult {
  rate: number;
  people: number;
  seconds: number;
  arrivals: number;
  /** Arrivals with nobody idle to send them: the pool was too small for the rate. */
  dropped: number;
  /** Updates whose reply never came. */
  lost: number;
  late: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The steps whose latencies make the tail: each step's p99 and how many of the slowest 1 % it holds. */
  tail: { step: string; count: number; p99: number; inTail: number }[];
  /** p50 and p99 of the time until the handler returned (the turn stored), for the reply's share of the rest. */
  stored: { p50: number; p99: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Poisson arrivals at `rate` a second for `seconds`: each arrival is the next step of a person
 * who is not waiting for an answer. Latency runs from the arrival's scheduled time, so a
 * stalled event loop shows in the figures instead of delaying the arrivals.
 */
export async function openLoop(target: Target, people: Person[], rate: number, seconds: number): Promise<OpenLoopResult> {
  const idle = [...people];
  const latencies: number[] = [];
  const byStep = new Map<string, number[]>();
  const stored: number[] = [];
  const inflight = new Set<Promise<void>>();
  let arrivals = 0;
  let dropped = 0;
  let lost = 0;
  let late = 0;
  const begun = performance.now();
  for (let t = 0; ; ) {
    t += (-Math.log(1 - Math.random()) / rate) * 1000;
    if (t > seconds * 1000) break;
    const wait = begun + t - performance.now();
    if (wait > 0) await sleep(wait);
    arrivals++;
    const person = idle.splice(Math.floor(Math.random() * idle.length), 1)[0];
    if (!person) {
      dropped++;
      continue;
    }
    const step = person.nextStep();
    const work = runStep(target, person, step, begun + t)
      .then((r) => {
        if (r.ms === undefined) lost++;
        else {
          latencies.push(r.ms);
          if (r.storedMs !== undefined) stored.push(r.storedMs);
          const name = stepName(step);
          byStep.set(name, [...(byStep.get(name) ?? []), r.ms]);
        }
        if (r.late) late++;
      })
      .catch(() => void lost++)
      .finally(() => {
        idle.push(person);
        inflight.delete(work);
      });
    inflight.add(work);
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  const p99 = percentile(latencies, 99);
  const tail = [...byStep]
    .map(([step, xs]) => {
      xs.sort((a, b) => a - b);
      return { step, count: xs.length, p99: percentile(xs, 99), inTail: xs.filter((x) => x >= p99).length };
    })
    .sort((a, b) => b.inTail - a.inTail || b.p99 - a.p99);
  stored.sort((a, b) => a - b);
  return { rate, people: people.length, seconds, arrivals, dropped, lost, late, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99, max: latencies.at(-1) ?? NaN, tail, stored: { p50: percentile(stored, 50), p99: percentile(stored, 99) } };
}

export interface ClosedLoopResult {
  /** Journeys given up because a reply did not come in time (the bot was saturated). */
  abandoned: number;
  updates: number;
  seconds: number;
  perSecond: number;
  /** CPU time of this process (user + system) per update. */
  cpuMs: number;
  p50: number;
  p99: number;
  peakRssMb: number;
  lost: number;
}

/**
 * `concurrency` people at a time, each going through whole journeys, until `journeys` journeys
 * are done or `seconds` have passed (whichever is given; a started journey is finished).
 */
export async function closedLoop(target: Target, people: { take(i: number): Person; give(p: Person): void }, options: { concurrency: number; journeys?: number; seconds?: number }): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  let started = 0;
  let lost = 0;
  let abandoned = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const cpu = process.cpuUsage();
  const begun = performance.now();
  const more = () => (options.journeys !== undefined ? started < options.journeys : performance.now() - begun < options.seconds! * 1000);
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (more()) {
        const person = people.take(started++);
        try {
          for (const step of person.journey()) {
            const r = await runStep(target, person, step);
            if (r.ms === undefined) lost++;
            else latencies.push(r.ms);
          }
        } catch {
          // Past saturation a reply can take longer than a person waits: counted, not fatal.
          abandoned++;
        } finally {
          people.give(person);
        }
      }
    }),
  );
  const seconds = (performance.now() - begun) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  const updates = latencies.length + lost;
  return { updates, seconds, perSecond: updates / seconds, cpuMs: (user + system) / 1000 / updates, p50: percentile(latencies, 50), p99: percentile(latencies, 99), peakRssMb: peakRss / 1048576, lost, abandoned };
}
