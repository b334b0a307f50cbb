import { FAKE_JPEG } from './fake-zalo-oa-api.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Fault = { errorCode: number; description: string };

/**
 * A Zalo Bot API server after DESIGN §5: Telegram-like envelope, getUpdates handing out one
 * update at a time with no offset, sendMessage limited to 2,000 characters, no buttons.
 */
export class FakeZaloApi {
  readonly token = '1234567890:zalo_test_token_abcdefghijklmnop';
  readonly sent: { chatId: string; text: string }[] = [];
  readonly photos: { chatId: string; photo: string }[] = [];
  readonly calls: { method: string; body: Record<string, unknown> }[] = [];
  readonly chatActions: { chatId: string; action: string }[] = [];
  private queue: unknown[] = [];
  private waiters: (() => void)[] = [];
  private faults: Fault[] = [];
  private nextId = 1;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const w of this.waiters.splice(0)) w();
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  failNextSends(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** A text message from a user; field names follow one of Zalo's documented variants. */
  text(userId: string, text: string, variant: 'display_name' | 'name' = 'display_name'): Record<string, unknown> {
    return this.enqueue({
      event_name: 'message.text.received',
      message: { from: { id: userId, [variant]: `Zalo ${userId}` }, chat: { id: userId, chat_type: 'PRIVATE' }, text, message_id: `m${this.nextId++}`, date: Date.now() },
    });
  }

  image(userId: string, url: string): Record<string, unknown> {
    return this.enqueue({
      event_name: 'message.image.received',
      message: { from: { id: userId, display_name: `Zalo ${userId}` }, chat: { id: userId, chat_type: 'PRIVATE' }, photo_url: url, message_id: `m${this.nextId++}`, date: Date.now() },
    });
  }

  /** Queues an update exactly as given, for malformed or hostile ones. */
  enqueueRaw(update: Record<string, unknown>): Record<string, unknown> {
    return this.enqueue(update);
  }

  /** Builds an update without queueing it, for webhook tests. */
  buildText(userId: string, text: string): Record<string, unknown> {
    return {
      event_name: 'message.text.received',
      message: { from: { id: userId, display_name: `Zalo ${userId}` }, chat: { id: userId, chat_type: 'PRIVATE' }, text, message_id: `w${this.nextId++}`, date: Date.now() },
    };
  }

  messagesTo(chatId: string): { chatId: string; text: string }[] {
    return this.sent.filter((m) => m.chatId === chatId);
  }

  private enqueue(update: Record<string, unknown>): Record<string, unknown> {
    this.queue.push(update);
    for (const w of this.waiters.splice(0)) w();
    return update;
  }

  /** A link to a photo this fake serves, as Zalo links the photos people send. */
  photoUrl(name: string): string {
    return `${this.url}/photos/${name}`;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && req.url?.startsWith('/photos/')) {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      return void res.end(req.url.includes('svg') ? Buffer.from('<svg onload="alert(1)"/>') : FAKE_JPEG);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    const reply = (payload: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    if (!match || match[1] !== this.token) return reply({ ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    this.calls.push({ method, body });
    switch (method) {
      case 'getMe':
        // The shape of getMe's sample response in https://bot.zaloplatforms.com/docs.
        return reply({ ok: true, result: { id: '1459232241454765289', account_name: 'bot.ThiDuaDakNong', account_type: 'BASIC', can_join_groups: false } });
      case 'sendChatAction':
        if (typeof body.chat_id !== 'string' || !['typing', 'upload_photo'].includes(String(body.action))) {
          return reply({ ok: false, error_code: 400, description: 'Bad request' });
        }
        this.chatActions.push({ chatId: body.chat_id, action: String(body.action) });
        return reply({ ok: true });
      case 'setWebhook':
      case 'deleteWebhook':
        return reply({ ok: true, result: { url: body.url ?? '' } });
      case 'getUpdates': {
        if (!this.queue.length) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(Number(body.timeout ?? 0), 1) * 1000);
            this.waiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        const next = this.queue.shift();
        return next ? reply({ ok: true, result: next }) : reply({ ok: false, error_code: 408, description: 'Request timeout' });
      }
      case 'sendMessage':
      case 'sendPhoto': {
        const fault = this.faults.shift();
        if (fault) return reply({ ok: false, error_code: fault.errorCode, description: fault.description });
        if (method === 'sendPhoto') {
          this.photos.push({ chatId: String(body.chat_id), photo: String(body.photo) });
          return reply({ ok: true, result: { message_id: `s${this.nextId++}` } });
        }
        const text = String(body.text ?? '');
        if ([...text].length > 2000) return reply({ ok: false, error_code: 400, description: 'text is too long' });
        this.sent.push({ chatId: String(body.chat_id), text });
        return reply({ ok: true, result: { message_id: `s${this.nextId++}`, date: Date.now() } });
      }
      default:
        return reply({ ok: false, error_code: 404, description: `method ${method} not faked` });
    }
  }
}

/** One Zalo user: each action waits for the bot's answer and returns it. */
export class ZaloChat {
  constructor(
    private readonly api: FakeZaloApi,
    readonly userId: string,
  ) {}

  get messages() {
    return this.api.messagesTo(this.userId);
  }

  say(text: string) {
    return this.act(() => this.api.text(this.userId, text));
  }

  image(url: string) {
    return this.act(() => this.api.image(this.userId, url));
  }

  async waitFor(predicate: (m: { text: string }) => boolean, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching Zalo message to ${this.userId}: ${JSON.stringify(this.messages.map((m) => m.text))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  private async act(push: () => void): Promise<string> {
    const before = this.messages.length;
    push();
    const deadline = Date.now() + 10_000;
    while (this.messages.length === before) {
      if (Date.now() > deadline) throw new Error(`no answer to Zalo user ${this.userId}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    let count = this.messages.length;
    for (;;) {
      await new Promise((r) => setTimeout(r, 120));
      if (this.messages.length === count) break;
      count = this.messages.length;
    }
    return this.messages.slice(before).map((m) => m.text).join('\n');
  }
}
