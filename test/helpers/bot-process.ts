import { spawn, type ChildProcess } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/config.js';
import { captureLog, registerSecretsOf } from './log-capture.js';
import { startCommand } from './start-command.js';

/** The bot as a real process (`npm start`'s command), so a test can SIGKILL it. */
export class BotProcess {
  private child: ChildProcess | undefined;
  output = '';

  constructor(private readonly env: Record<string, string>) {}

  async start(timeoutMs = 30_000): Promise<void> {
    registerSecretsOf(this.env);
    this.output = '';
    const { flags, entry } = startCommand();
    const child = spawn(process.execPath, [...flags, entry], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.once('exit', () => captureLog(this.output));
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes('Thi Đua Bot is ready')) {
      if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`bot did not start:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** kill -9: no shutdown handler runs. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async terminate(): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  }
}
