import { randomBytes } from 'node:crypto';
import { registerSecret } from './log-capture.js';

export interface WebMessage {
  id: number;
  text: string;
  buttons?: { label: string; data: string }[][];
  photos?: { attachmentId: string; channel: string; fileRef: string }[];
}

/** Talks to the web chat as the page does, keeping its cookie. */
export class WebChatClient {
  cookie: string | undefined;
  /** The visitor's public id, as the server reports it (what ADMINS takes). */
  visitorId: string | undefined;
  after = 0;
  readonly received: WebMessage[] = [];

  constructor(
    private readonly baseUrl: string,
    /** A cookie value to start with, e.g. one issued before. */
    token?: string,
  ) {
    if (token) {
      registerSecret(token);
      this.cookie = `thidua_visitor=${token}`;
    }
  }

  async say(text: string, clientMessageId = randomBytes(8).toString('hex')): Promise<WebMessage[]> {
    return this.post({ text, clientMessageId });
  }

  async press(label: string): Promise<WebMessage[]> {
    const button = [...this.received].reverse().flatMap((m) => m.buttons?.flat() ?? []).find((b) => b.label.includes(label));
    if (!button) throw new Error(`no button "${label}"`);
    return this.post({ button: button.data, clientMessageId: randomBytes(8).toString('hex') });
  }

  /** Sends a photo or document as the page does; throws unless it was accepted. */
  async photo(bytes: Buffer, name?: string): Promise<WebMessage[]> {
    const res = await this.upload(new Uint8Array(bytes), { name });
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    return this.take(res);
  }

  /** The raw answer to an upload, for tests of what is refused. */
  async upload(
    body: BodyInit | Buffer,
    { name, contentType = 'application/octet-stream', clientMessageId = randomBytes(8).toString('hex'), headers = {} }: { name?: string | undefined; contentType?: string; clientMessageId?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const query = new URLSearchParams({ clientMessageId, after: String(this.after), ...(name ? { name } : {}) });
    return fetch(`${this.baseUrl}/api/chat/upload?${query}`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
      // A streamed body (no length announced) needs this in Node's fetch.
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
  }

  async fetchAttachment(id: string): Promise<Response> {
    return fetch(`${this.baseUrl}/api/chat/attachments/${id}`, { headers: this.cookie ? { cookie: this.cookie } : {} });
  }

  async post(body: Record<string, unknown>, endpoint = '/api/chat/send'): Promise<WebMessage[]> {
    const res = await fetch(`${this.baseUrl}${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify({ ...body, after: this.after }),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      this.cookie = setCookie.split(';')[0];
      // The cookie is a credential: the log check fails the run if a log line carries it.
      registerSecret(this.cookie!.slice(this.cookie!.indexOf('=') + 1));
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    return this.take(res);
  }

  private async take(res: Response): Promise<WebMessage[]> {
    const { messages, visitorId } = (await res.json()) as { messages: WebMessage[]; visitorId?: string };
    if (visitorId) this.visitorId = visitorId;
    for (const m of messages) this.after = Math.max(this.after, m.id);
    this.received.push(...messages);
    return messages;
  }
}
