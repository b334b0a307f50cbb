import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { captureLog } from './helpers/log-capture.js';
import { createEmptyDatabase, type TestDatabase } from './helpers/test-database.js';

/** A port nobody listens on, or a server holding one. */
function listenOnFreePort(): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
const portOf = (server: net.Server) => (server.address() as net.AddressInfo).port;

async function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** `npm start` exactly as an operator or a supervisor runs it. */
function npmStart(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  // dist/ is built once for the whole run (test/build.setup.ts); rebuilding it here, as prestart
  // does, would pull it from under the bots other test files are starting.
  const child = spawn('npm', ['start', '--silent', '--ignore-scripts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', SCHEDULER_ENABLED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => captureLog(output));
  return { child, output: () => output, exited };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start', () => {
  let database: TestDatabase | undefined;
  let running: ChildProcess | undefined;

  afterEach(async () => {
    if (running && running.exitCode === null) running.kill('SIGKILL');
    await database?.drop();
  });

  it('should stop the bot, not only npm, when npm gets SIGTERM', async () => {
    database = await createEmptyDatabase('sqlite');
    const free = await listenOnFreePort();
    const port = portOf(free);
    await new Promise((r) => free.close(r));
    const bot = npmStart({ DATABASE_URL: database.url, PORT: String(port) });
    running = bot.child;
    await until('the bot to be ready', () => bot.output().includes('Thi Đua Bot is ready'));
    expect(await canListen(port)).toBe(false);

    bot.child.kill('SIGTERM');
    await bot.exited;
    // The bot itself received the signal: it finished cleanly and let go of its port.
    await until('the port to be free', () => canListen(port), 30_000);
    expect(bot.output()).toContain('"msg":"stopped"');
  }, 120_000);

  it('should say in one line that the port is taken', async () => {
    database = await createEmptyDatabase('sqlite');
    const taken = await listenOnFreePort();
    try {
      const bot = npmStart({ DATABASE_URL: database.url, PORT: String(portOf(taken)) });
      running = bot.child;
      expect(await bot.exited).not.toBe(0);
      const lines = bot.output().trim().split('\n').filter((line) => line.includes('"level":60'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`Port ${portOf(taken)} on 127.0.0.1 is already in use`);
      expect(lines[0]).not.toContain('"stack"');
    } finally {
      await new Promise((r) => taken.close(r));
    }
  }, 120_000);
});
