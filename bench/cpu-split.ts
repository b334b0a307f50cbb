/**
 * Where the CPU goes: V8's sampling profiler (node:inspector) over some work, each sample's
 * self time attributed by the script it ran in.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export const CPU_PARTS = ['ORM', 'driver + SQL', 'HTTP', 'bot code', 'GC', 'V8/native', 'bench harness'] as const;
export type CpuPart = (typeof CPU_PARTS)[number];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** A native function (a driver's C++ method, a builtin) counts with the script that called it. */
function partOf(node: ProfileNode, parentOf: Map<number, ProfileNode>): CpuPart | undefined {
  const { functionName } = node.callFrame;
  if (functionName === '(idle)') return undefined;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)' || functionName === '(root)') return 'V8/native';
  let caller: ProfileNode | undefined = node;
  // The statement counter wraps the driver's methods: what runs under it is the driver's.
  while (caller && (!caller.callFrame.url || caller.callFrame.url.endsWith('/bench/statement-counter.ts'))) caller = parentOf.get(caller.id);
  const url = caller?.callFrame.url ?? '';
  if (!url) return 'V8/native';
  if (url.startsWith('wasm://') || /node_modules\/(@prisma\/(client|client-runtime-utils)|\.prisma)\//.test(url) || /\/src\/generated\//.test(url)) return 'ORM';
  if (/node_modules\/(better-sqlite3|pg|pg-[a-z-]+|postgres-[a-z-]+|@prisma\/(adapter-[a-z0-9-]+|driver-adapter-utils))\//.test(url) || /\/src\/store\//.test(url)) return 'driver + SQL';
  if (/node_modules\/(fastify|@fastify\/[^/]+|undici|node-fetch|light-my-request|find-my-way)\//.test(url) || /^node:(internal\/)?(http|https|_http|net|dns|tls|stream|internal\/deps\/undici|internal\/streams)/.test(url) || url.includes('undici')) return 'HTTP';
  if (/\/(bench|test\/helpers)\//.test(url)) return 'bench harness';
  return 'bot code';
}

/** Runs `work` under the profiler; returns each part's share of the busy time, in percent. */
export async function profileCpu(work: () => Promise<void>): Promise<Record<CpuPart, number>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  let profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  try {
    await work();
  } finally {
    ({ profile } = (await session.post('Profiler.stop')) as { profile: typeof profile });
    session.disconnect();
  }
  // BENCH_PROFILE_FILE=x.cpuprofile keeps the whole profile, for Chrome's DevTools or a script.
  if (process.env.BENCH_PROFILE_FILE) writeFileSync(process.env.BENCH_PROFILE_FILE, JSON.stringify(profile));
  const parentOf = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n);
  const parts = new Map(profile.nodes.map((n) => [n.id, partOf(n, parentOf)]));
  const time = Object.fromEntries(CPU_PARTS.map((p) => [p, 0])) as Record<CpuPart, number>;
  profile.samples.forEach((id, i) => {
    const part = parts.get(id);
    if (part) time[part] += profile.timeDeltas[i] ?? 0;
  });
  const total = Object.values(time).reduce((a, b) => a + b, 0) || 1;
  for (const p of CPU_PARTS) time[p] = (time[p] / total) * 100;
  return time;
}
