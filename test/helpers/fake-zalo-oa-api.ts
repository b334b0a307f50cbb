import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorizeZaloOa } from '../../src/channels/zalo-oa/authorize-zalo-oa.js';
import { zaloOaSignature } from '../../src/channels/zalo-oa/verify-zalo-oa-signature.js';
import type { Db } from '../../src/store/db.js';
import { tinyJpeg } from './tiny-jpeg.js';

type Fault = { error: number; message: string };
export interface OaSent {
  userId: string;
  text: string;
  buttons: { type: string; title: string; payload: string }[];
  attachmentId?: string;
}

/** A small JPEG: its first bytes are what fetchRemotePhoto recognises. */
export const FAKE_JPEG = tinyJpeg({ size: 200, fill: 1 });
/** A small PDF: its first bytes are what sniffFileType recognises. */
export const FAKE_PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)]);

/**
 * The Zalo Official Account API after its documentation (developers.zalo.me, Official Account):
 * OAuth v4 (POST /v4/oa/access_token, `secret_key` header, form body, single-use refresh
 * tokens), customer-service messages (POST /v3.0/oa/message/cs with an `access_token` header,
 * answers `{ error, message, data }`), the image upload (POST /v2.0/oa/upload/image, multipart
 * `file`), and webhook events signed as Zalo signs them. It also serves photos for image events.
 */
export class FakeZaloOaApi {
  readonly appId = '4291763606161179100';
  readonly appSecret = 'fake_app_secret_0123456789';
  readonly secretKey = 'fake_oa_secret_key_abcdefghij';
  readonly sent: OaSent[] = [];
  readonly uploads: { size: number; type: string }[] = [];
  /** Every OAuth call, the grant type of each. */
  readonly oauthCalls: string[] = [];
  /** Codes the consent page has handed out. */
  readonly codes = new Set(['auth_code_0123456789']);
  accessToken = '';
  refreshToken = '';
  /** Users who have not written for seven days: customer-service messages are refused (-230). */
  readonly outsideWindow = new Set<string>();
  /** Profiles the user detail API knows, by user id. */
  readonly names = new Map<string, string>();
  readonly profileCalls: string[] = [];
  /** Makes the OAuth answer wait, so two refreshes can overlap. */
  oauthDelayMs = 0;
  oauthDown = false;
  /** Makes the file server (photos and documents) wait this long before answering. */
  fileDelayMs = 0;
  private faults: Fault[] = [];
  private nextId = 1;
  private serial = 0;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** The env that points the app at this fake, with the test's own photo host. */
  env(): Record<string, string> {
    return {
      ZALO_OA_APP_ID: this.appId,
      ZALO_OA_APP_SECRET: this.appSecret,
      ZALO_OA_SECRET_KEY: this.secretKey,
      ZALO_OA_API_ROOT: this.url,
      ZALO_OA_OAUTH_ROOT: this.url,
      ZALO_OA_PHOTO_HOSTS: '127.0.0.1',
    };
  }

  /** The first set-up of an app, as `npm run zalo-oa -- --code …` does it; the code works once. */
  authorize(db: Db, now = new Date()) {
    return authorizeZaloOa({ db, oauthRoot: this.url, appId: this.appId, appSecret: this.appSecret, code: 'auth_code_0123456789', now });
  }

  /** Issues a fresh pair, as after a consent; returns it for seeding the database. */
  issueTokens(): { accessToken: string; refreshToken: string; expiresInSeconds: number } {
    this.serial++;
    this.accessToken = `access_${this.serial}_${'a'.repeat(30)}`;
    this.refreshToken = `refresh_${this.serial}_${'r'.repeat(30)}`;
    return { accessToken: this.accessToken, refreshToken: this.refreshToken, expiresInSeconds: 90000 };
  }

  failNextSends(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  messagesTo(userId: string): OaSent[] {
    return this.sent.filter((m) => m.userId === userId);
  }

  photoUrl(name: string): string {
    return `${this.url}/photos/${name}`;
  }

  /** A document on the file server: a PDF, or (a name with "exe") bytes of no accepted type. */
  fileUrl(name: string): string {
    return `${this.url}/files/${name}`;
  }

  // ---- webhook events, shaped as in developers.zalo.me (Official Account → Webhook) ----

  text(userId: string, text: string): Record<string, unknown> {
    return this.message(userId, 'user_send_text', { text });
  }

  image(userId: string, url: string): Record<string, unknown> {
    return this.message(userId, 'user_send_image', { attachments: [{ type: 'image', payload: { thumbnail: url, url } }] });
  }

  file(userId: string, url: string, name: string): Record<string, unknown> {
    return this.message(userId, 'user_send_file', { attachments: [{ type: 'file', payload: { url, name, size: '2048', type: name.split('.').pop() } }] });
  }

  location(userId: string, latitude: number, longitude: number): Record<string, unknown> {
    // Zalo writes the coordinates as strings.
    return this.message(userId, 'user_send_location', { attachments: [{ type: 'location', payload: { coordinates: { latitude: String(latitude), longitude: String(longitude) } } }] });
  }

  follow(userId: string, event: 'follow' | 'unfollow' = 'follow'): Record<string, unknown> {
    return { oa_id: '579745863508352884', follower: { id: userId }, user_id_by_app: `app-${userId}`, event_name: event, source: 'oa_profile', app_id: this.appId, timestamp: String(Date.now()) };
  }

  private message(userId: string, eventName: string, message: Record<string, unknown>): Record<string, unknown> {
    this.outsideWindow.delete(userId);
    return {
      app_id: this.appId,
      user_id_by_app: `app-${userId}`,
      event_name: eventName,
      timestamp: String(Date.now()),
      sender: { id: userId },
      recipient: { id: '579745863508352884' },
      message: { msg_id: `msg${this.nextId++}_${Date.now()}`, ...message },
    };
  }

  /** The body and headers Zalo would post for this event. */
  sign(event: Record<string, unknown>, secretKey = this.secretKey): { body: string; headers: Record<string, string> } {
    const body = JSON.stringify(event);
    const mac = zaloOaSignature({ appId: this.appId, secretKey, rawBody: body, timestamp: String(event.timestamp) });
    return { body, headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` } };
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const reply = (payload: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const path = (req.url ?? '').split('?')[0]!;
    if (req.method === 'GET' && (path.startsWith('/photos/') || path.startsWith('/files/')) && this.fileDelayMs) {
      await new Promise((r) => setTimeout(r, this.fileDelayMs));
    }
    if (req.method === 'GET' && path.startsWith('/files/')) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(path.includes('exe') ? Buffer.from('MZ\x90\x00 not a document') : FAKE_PDF);
    }
    if (req.method === 'GET' && path.startsWith('/photos/')) {
      if (path.includes('big')) {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        return void res.end(Buffer.concat([FAKE_JPEG, Buffer.alloc(11 * 1024 * 1024)]));
      }
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      return void res.end(path.includes('svg') ? Buffer.from('<svg onload="alert(1)"/>') : FAKE_JPEG);
    }
    if (path === '/v4/oa/access_token') return reply(await this.oauth(req, raw.toString('utf8')));
    if (req.headers.access_token !== this.accessToken || !this.accessToken) return reply({ error: -216, message: 'Access token is invalid' });
    if (path === '/v3.0/oa/user/detail') {
      const userId = (JSON.parse(new URL(req.url ?? '', 'http://x').searchParams.get('data') ?? '{}') as { user_id?: string }).user_id ?? '';
      this.profileCalls.push(userId);
      if (!this.names.has(userId)) return reply({ error: -213, message: 'User has not followed OA' });
      return reply({ error: 0, message: 'Success', data: { user_id: userId, user_id_by_app: `app-${userId}`, display_name: this.names.get(userId), user_is_follower: true, avatar: '' } });
    }
    if (path === '/v2.0/oa/upload/image') {
      const form = await new Request('http://x', { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body: raw }).formData();
      const file = form.get('file');
      if (!(file instanceof Blob)) return reply({ error: -201, message: 'Parameters invalid' });
      if (file.size > 1024 * 1024) return reply({ error: -210, message: 'File size exceeds the limit' });
      this.uploads.push({ size: file.size, type: file.type });
      return reply({ error: 0, message: 'Success', data: { attachment_id: `att${this.nextId++}` } });
    }
    if (path === '/v3.0/oa/message/cs') {
      const body = JSON.parse(raw.toString('utf8')) as { recipient?: { user_id?: string }; message?: { text?: string; attachment?: { payload?: { buttons?: OaSent['buttons']; elements?: { attachment_id?: string }[] } } } };
      const userId = body.recipient?.user_id;
      if (!userId || !body.message) return reply({ error: -201, message: 'Parameters invalid' });
      const fault = this.faults.shift();
      if (fault) return reply(fault);
      if (this.outsideWindow.has(userId)) return reply({ error: -230, message: 'User has not interacted with the OA in the past 7 days' });
      const text = body.message.text ?? '';
      if ([...text].length > 2000) return reply({ error: -201, message: 'Parameters invalid: text is too long' });
      const attachmentId = body.message.attachment?.payload?.elements?.[0]?.attachment_id;
      this.sent.push({ userId, text, buttons: body.message.attachment?.payload?.buttons ?? [], ...(attachmentId ? { attachmentId } : {}) });
      return reply({ error: 0, message: 'Success', data: { message_id: `m${this.nextId++}`, user_id: userId } });
    }
    return reply({ error: -209, message: `API ${path} not faked` });
  }

  private async oauth(req: IncomingMessage, raw: string): Promise<unknown> {
    const form = new URLSearchParams(raw);
    const grant = form.get('grant_type') ?? '';
    this.oauthCalls.push(grant);
    if (this.oauthDelayMs) await new Promise((r) => setTimeout(r, this.oauthDelayMs));
    if (this.oauthDown) return { error: -14002, error_name: 'Internal error', error_description: 'Server error, please try again' };
    if (req.headers.secret_key !== this.appSecret || form.get('app_id') !== this.appId) return { error: -14004, error_name: 'Invalid app', error_description: 'app_id or secret_key is invalid' };
    if (grant === 'authorization_code') {
      const code = form.get('code') ?? '';
      if (!this.codes.delete(code)) return { error: -14019, error_name: 'Invalid code', error_description: 'Invalid authorization code' };
    } else if (grant === 'refresh_token') {
      // Single use: the refresh token just spent is never accepted again.
      if (!this.refreshToken || form.get('refresh_token') !== this.refreshToken) return { error: -14014, error_name: 'Invalid refresh token', error_description: 'Refresh token is invalid or expired' };
    } else return { error: -14003, error_name: 'Invalid grant type', error_description: 'grant_type is invalid' };
    const pair = this.issueTokens();
    return { access_token: pair.accessToken, refresh_token: pair.refreshToken, expires_in: String(pair.expiresInSeconds) };
  }
}

/** One person writing to the OA: each action posts a signed event and waits for the answer. */
export class ZaloOaChat {
  constructor(
    private readonly api: FakeZaloOaApi,
    private readonly webhookUrl: string,
    readonly userId: string,
  ) {}

  get messages() {
    return this.api.messagesTo(this.userId);
  }

  say(text: string) {
    return this.act(this.api.text(this.userId, text));
  }

  image(url: string) {
    return this.act(this.api.image(this.userId, url));
  }

  location(latitude: number, longitude: number) {
    return this.act(this.api.location(this.userId, latitude, longitude));
  }

  follow() {
    return this.act(this.api.follow(this.userId));
  }

  async post(event: Record<string, unknown>, signed = this.api.sign(event)): Promise<Response> {
    return fetch(this.webhookUrl, { method: 'POST', headers: signed.headers, body: signed.body });
  }

  async waitFor(predicate: (m: OaSent) => boolean, timeoutMs = 10_000): Promise<OaSent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching OA message to ${this.userId}: ${JSON.stringify(this.messages.map((m) => m.text))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  private async act(event: Record<string, unknown>): Promise<string> {
    const before = this.messages.length;
    const res = await this.post(event);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    const deadline = Date.now() + 10_000;
    while (this.messages.length === before) {
      if (Date.now() > deadline) throw new Error(`no answer to OA user ${this.userId}`);
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
