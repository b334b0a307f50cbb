import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bot API that enforces Telegram's broadcast limits: about 30 messages a second overall and
 * one a second per chat, answering 429 with retry_after beyond them.
 */
export class RateLimitedTelegram {
  readonly token = '123456789:BENCH_token_abcdefghijklmnopqrstuvwxyz';
  readonly delivered = new Map<string, number>();
  tooMany = 0;
  sends = 0;
  private window: number[] = [];
  private lastPerChat = new Map<string, number>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.url?.endsWith('/getUpdates')) {
        await new Promise((r) => setTimeout(r, 1000));
        return send(200, { ok: true, result: [] });
      }
      if (!req.url?.endsWith('/sendMessage')) return send(200, { ok: true, result: true });
      this.sends++;
      const now = Date.now();
      this.window = this.window.filter((t) => now - t < 1000);
      const chat = String(body.chat_id);
      if (this.window.length >= 30 || now - (this.lastPerChat.get(chat) ?? 0) < 1000) {
        this.tooMany++;
        return send(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
      }
      this.window.push(now);
      this.lastPerChat.set(chat, now);
      this.delivered.set(chat, (this.delivered.get(chat) ?? 0) + 1);
      return send(200, { ok: true, result: { message_id: this.sends, date: 0, chat: { id: 1, type: 'private' }, text: '' } });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}
