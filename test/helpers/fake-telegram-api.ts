import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  chatId: string;
  messageId: number;
  text: string;
  buttons: { text: string; data: string }[][];
  /** Earlier texts of a message the bot edited, oldest first. */
  edits: string[];
  /** Place among everything the bot sent (messages and documents), to check order. */
  order: number;
}

/** A sendMessage answer to fake: an error status, or `hang` to never answer (and deliver nothing). */
type Fault = { status: number; description: string; retryAfter?: number; hang?: boolean };

/**
 * A fault for one call of any method (sendPhoto, sendDocument, getFile…), optionally only to
 * one chat: `hang` never answers; `until` holds the answer until the promise settles, then
 * answers with `status` (an error) or, without one, normally.
 */
export type CallFault = { method: string; chatId?: number | string; hang?: boolean; until?: Promise<unknown>; status?: number; description?: string };

/**
 * A small Telegram Bot API server for tests: updates are queued by the test and served to
 * the bot's getUpdates with Telegram's offset semantics; what the bot sends is recorded.
 * Unlike an emulator it lets a test replay an update id or inject errors.
 */
export class FakeTelegramApi {
  readonly token = '123456789:TEST_token_abcdefghijklmnopqrstuvwxyz';
  readonly sent: SentMessage[] = [];
  readonly calls: { method: string; body: Record<string, unknown> }[] = [];
  /** Photos the bot sent: a Telegram file id, or "upload" for bytes it sent itself. */
  readonly photos: { chatId: string; photo: string }[] = [];
  /** Documents the bot uploaded, by chat. */
  readonly documents: { chatId: string; order: number }[] = [];
  readonly chatActions: { chatId: string; action: string }[] = [];
  private order = 0;
  private files = new Map<string, Buffer>();
  private lastMultipartChat = '';
  private queue: Record<string, unknown>[] = [];
  /** Updates re-delivered on purpose, whatever the bot's offset: Telegram does that after a crash or a failed webhook call. */
  private replays: Record<string, unknown>[] = [];
  private nextUpdateId = 1000;
  private nextMessageId = 1;
  private waiters: (() => void)[] = [];
  private faults: Fault[] = [];
  private callFaults: CallFault[] = [];
  private server: Server | undefined;
  url = '';
  /** Each sendMessage takes this long: a slow network, so a crash lands mid fan-out. */
  delayMs = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.notify();
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** The next sendMessage calls fail with these answers, in order. */
  failNextSends(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  clearFaults(): void {
    this.faults.length = 0;
    this.callFaults.length = 0;
  }

  /** The next matching call meets this fault; faults are matched in the order they were added. */
  failNextCall(fault: CallFault): void {
    this.callFaults.push(fault);
  }

  /** Waits until the bot has called `method` (to that chat, if given) `count` times in all. */
  async waitForCalls(method: string, count = 1, chatId?: number | string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const matching = () => this.calls.filter((c) => c.method === method && (chatId === undefined || String(c.body.chat_id) === String(chatId))).length;
    while (matching() < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} ${method} calls, got ${matching()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  pushText(userId: number, text: string, updateId?: number): number {
    return this.push(
      {
        message: {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: userId, type: 'private', first_name: `User${userId}` },
          from: { id: userId, is_bot: false, first_name: `User${userId}`, language_code: 'vi' },
          text,
          ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } : {}),
        },
      },
      updateId,
    );
  }

  /** Makes a file available to getFile and the file download URL. */
  registerFile(fileId: string, bytes: Buffer): void {
    this.files.set(fileId, bytes);
  }

  pushPhoto(userId: number, fileId: string, size = 50_000): number {
    return this.push(this.messageUpdate(userId, { photo: [{ file_id: `${fileId}_small`, file_unique_id: 's', width: 90, height: 90, file_size: 900 }, { file_id: fileId, file_unique_id: fileId, width: 1280, height: 960, file_size: size }] }));
  }

  pushDocument(userId: number, fileId: string, mimeType: string, size = 50_000): number {
    return this.push(this.messageUpdate(userId, { document: { file_id: fileId, file_unique_id: fileId, mime_type: mimeType, file_name: 'x', file_size: size } }));
  }

  pushLocation(userId: number, latitude: number, longitude: number): number {
    return this.push(this.messageUpdate(userId, { location: { latitude, longitude } }));
  }

  private messageUpdate(userId: number, content: Record<string, unknown>) {
    return {
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: 'private', first_name: `User${userId}` },
        from: { id: userId, is_bot: false, first_name: `User${userId}` },
        ...content,
      },
    };
  }

  pushButton(userId: number, data: string, updateId?: number): number {
    return this.push(
      {
        callback_query: {
          id: String(this.nextMessageId++),
          chat_instance: '1',
          from: { id: userId, is_bot: false, first_name: `User${userId}` },
          message: { message_id: 1, date: 0, chat: { id: userId, type: 'private', first_name: `User${userId}` }, text: '…' },
          data,
        },
      },
      updateId,
    );
  }

  pushRaw(update: Record<string, unknown>, updateId?: number): number {
    return this.push(update, updateId);
  }

  /** Waits until `count` messages have been sent to this chat in total; returns them all. */
  async waitForMessages(chatId: number, count: number, timeoutMs = 10_000): Promise<SentMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mine = this.messagesTo(chatId);
      if (mine.length >= count) return mine;
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} messages to ${chatId}, got ${mine.length}: ${JSON.stringify(mine.map((m) => m.text))}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  messagesTo(chatId: number): SentMessage[] {
    return this.sent.filter((m) => m.chatId === String(chatId));
  }

  /** The data of the button whose label contains `label`, on the last message to the chat that has one. */
  buttonData(chatId: number, label: string): string {
    const messages = this.messagesTo(chatId);
    for (let i = messages.length - 1; i >= 0; i--) {
      const button = messages[i]!.buttons.flat().find((b) => b.text.includes(label));
      if (button) return button.data;
    }
    throw new Error(`no button "${label}" in messages to ${chatId}`);
  }

  /** Drops what was recorded for one chat, so a long soak measures the bot, not this fake. */
  forgetChat(chatId: number | string): void {
    const id = String(chatId);
    const keep = <T>(list: T[], chatOf: (x: T) => string) => {
      const kept = list.filter((x) => chatOf(x) !== id);
      list.splice(0, list.length, ...kept);
    };
    keep(this.sent, (m) => m.chatId);
    keep(this.calls, (c) => String(c.body.chat_id ?? ''));
    keep(this.documents, (d) => d.chatId);
    keep(this.photos, (p) => p.chatId);
    keep(this.chatActions, (a) => a.chatId);
  }

  private push(update: Record<string, unknown>, updateId?: number): number {
    if (updateId !== undefined && updateId < this.nextUpdateId) {
      this.replays.push({ update_id: updateId, ...update });
    } else {
      if (updateId !== undefined) this.nextUpdateId = updateId;
      this.queue.push({ update_id: this.nextUpdateId, ...update });
      updateId = this.nextUpdateId++;
    }
    this.notify();
    return updateId;
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const file = /^\/file\/bot([^/]+)\/files\/(.+)$/.exec(req.url ?? '');
    if (file) {
      const bytes = file[1] === this.token ? this.files.get(decodeURIComponent(file[2]!)) : undefined;
      res.writeHead(bytes ? 200 : 404);
      res.end(bytes ?? '');
      return;
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const body = await readBody(req);
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (!match || match[1] !== this.token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    this.calls.push({ method, body });
    const at = this.callFaults.findIndex((f) => f.method === method && (f.chatId === undefined || String(f.chatId) === String(body.chat_id)));
    if (at >= 0) {
      const [fault] = this.callFaults.splice(at, 1);
      if (fault!.hang) return; // the socket is left open: the bot's deadline must give up
      if (fault!.until) await fault!.until.catch(() => {});
      if (fault!.status) return reply(fault!.status, { ok: false, error_code: fault!.status, description: fault!.description ?? 'Internal Server Error' });
      if (res.destroyed) return;
    }
    switch (method) {
      case 'getMe':
        return reply(200, { ok: true, result: { id: 123456789, is_bot: true, first_name: 'Thi Đua', username: 'thidua_test_bot' } });
      case 'deleteWebhook':
      case 'setWebhook':
      case 'answerCallbackQuery':
        return reply(200, { ok: true, result: true });
      case 'getUpdates': {
        const offset = Number(body.offset ?? 0);
        this.queue = this.queue.filter((u) => (u.update_id as number) >= offset);
        if (!this.queue.length && !this.replays.length) {
          const timeout = Math.min(Number(body.timeout ?? 0), 1) * 1000;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeout);
            this.waiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        const replays = this.replays.splice(0);
        return reply(200, { ok: true, result: [...replays, ...this.queue.slice(0, 100)] });
      }
      case 'getFile': {
        const id = String(body.file_id);
        if (!this.files.has(id)) return reply(400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
        return reply(200, { ok: true, result: { file_id: id, file_unique_id: id, file_size: this.files.get(id)!.length, file_path: `files/${id}` } });
      }
      case 'sendPhoto': {
        const photo = typeof body.photo === 'string' ? body.photo : 'upload';
        this.photos.push({ chatId: String(body.chat_id ?? this.lastMultipartChat), photo });
        return reply(200, { ok: true, result: { message_id: this.nextMessageId++, date: 0, chat: { id: 1, type: 'private' } } });
      }
      case 'sendChatAction':
        this.chatActions.push({ chatId: String(body.chat_id), action: String(body.action) });
        return reply(200, { ok: true, result: true });
      case 'editMessageText': {
        const edited = this.sent.find((m) => m.chatId === String(body.chat_id) && m.messageId === Number(body.message_id));
        if (!edited) return reply(400, { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' });
        if (edited.text === String(body.text)) return reply(400, { ok: false, error_code: 400, description: 'Bad Request: message is not modified' });
        edited.edits.push(edited.text);
        edited.text = String(body.text);
        return reply(200, { ok: true, result: { message_id: edited.messageId, date: 0, chat: { id: Number(body.chat_id), type: 'private' }, text: edited.text } });
      }
      case 'sendDocument':
        this.documents.push({ chatId: String(body.chat_id), order: this.order++ });
        return reply(200, { ok: true, result: { message_id: this.nextMessageId++, date: 0, chat: { id: 1, type: 'private' } } });
      case 'sendMessage': {
        const fault = this.faults.shift();
        if (fault?.hang) return; // the socket is left open: the bot's timeout must give up
        if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
        if (fault) {
          return reply(fault.status, {
            ok: false,
            error_code: fault.status,
            description: fault.description,
            ...(fault.retryAfter ? { parameters: { retry_after: fault.retryAfter } } : {}),
          });
        }
        const markup = body.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
        const message = {
          chatId: String(body.chat_id),
          messageId: this.nextMessageId++,
          edits: [] as string[],
          order: this.order++,
          text: String(body.text),
          buttons: (markup?.inline_keyboard ?? []).map((row) => row.map((b) => ({ text: b.text, data: b.callback_data }))),
        };
        this.sent.push(message);
        return reply(200, {
          ok: true,
          result: { message_id: message.messageId, date: 0, chat: { id: Number(body.chat_id), type: 'private' }, text: message.text },
        });
      }
      default:
        return reply(404, { ok: false, error_code: 404, description: `Not Found: method ${method} is not faked` });
    }
  }
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(text) as Record<string, unknown>;
  if (type.includes('multipart/form-data')) {
    const chat = /name="chat_id"\r\n\r\n([^\r]+)/.exec(text);
    return { chat_id: chat?.[1] ?? '', multipart: true };
  }
  return Object.fromEntries(new URLSearchParams(text));
}
