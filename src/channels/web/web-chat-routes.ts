import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
// Types of app.createRateLimit; the plugin is registered by createHttpServer.
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { BotCore } from '../../bot/bot-core.js';
import type { DownloadChannelFile } from '../channel.js';
import { PROJECT_ROOT } from '../../config.js';
import { parseCommand, type TInput } from '../../core/input.js';
import { listMessagesAfter } from '../../outbox/list-messages-after.js';
import type { Db } from '../../store/db.js';
import { ZLocale, type TLocale } from '../../domain/locale.js';
import { MAX_DOCUMENT_BYTES, isImageType, safeFileName, sniffFileType } from '../../domain/file-types.js';
import { stripPhotoMetadata } from '../../files/strip-photo-metadata.js';
import { findReferencedFiles } from '../../files/find-referenced-files.js';
import { checkUploadQuota } from '../../files/check-upload-quota.js';
import { storeUpload, type TUploadRefusal, type WebUploadLimits } from './store-upload.js';
import { getPersonView } from '../../people/get-person-view.js';
import { hasRole } from '../../domain/role.js';
import { canSeeAttachment } from '../../waste/can-see-attachment.js';
import { wasFileSentTo } from '../../outbox/was-file-sent-to.js';
import type { CampaignDirectory } from '../../core/campaigns.js';
import type { Clock } from '../../clock.js';
import { createWebVisitor } from './create-web-visitor.js';
import { findWebVisitor } from './find-web-visitor.js';
import { VISITOR_COOKIE as COOKIE } from './web-visitor-token.js';
import { sendFile } from './send-file.js';
import { addressKey } from '../../http/address-key.js';
import { openEventStream } from './open-event-stream.js';
import { WebChatNotifier } from './web-chat-notifier.js';
import { newestWebMessage, recordWebChatEntry } from './record-web-chat-entry.js';

// The page is not compiled, so it is read from the source tree wherever the code runs from.
const asset = (name: string) => readFileSync(path.join(PROJECT_ROOT, 'src', 'channels', 'web', 'public', name), 'utf8');
const ASSETS = {
  '/': { body: asset('index.html'), type: 'text/html; charset=utf-8' },
  '/chat.js': { body: asset('chat.js'), type: 'text/javascript; charset=utf-8' },
  '/chat.css': { body: asset('chat.css'), type: 'text/css; charset=utf-8' },
  '/favicon.svg': { body: asset('favicon.svg'), type: 'image/svg+xml' },
  // Browsers ask for this one whatever the page says.
  '/favicon.ico': { body: asset('favicon.svg'), type: 'image/svg+xml' },
};

/** Message ids are 32-bit integers in the database; a larger `after` is refused, not sent to it. */
const MAX_MESSAGE_ID = 2_147_483_647;
const ZFileId = z.object({ id: z.string().max(64) });

const ZSendBody = z
  .object({
    /** Chosen by the page; a retried request reuses it, so a message is handled once. */
    clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    /** As the page allows (MAX_TEXT in chat.js); the dialogs say their own, smaller limits. */
    text: z.string().min(1).max(8000).optional(),
    button: z.string().min(1).max(64).optional(),
    after: z.number().int().nonnegative().max(MAX_MESSAGE_ID).default(0),
  })
  .refine((b) => Boolean(b.text) !== Boolean(b.button), { message: 'send either text or button' });

const ZAfter = z.object({ after: z.coerce.number().int().nonnegative().max(MAX_MESSAGE_ID).default(0) });

const ZUploadQuery = z.object({
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  after: z.coerce.number().int().nonnegative().max(MAX_MESSAGE_ID).default(0),
  /** The file's own name, for documents; only its safe characters are kept. */
  name: z.string().max(200).optional(),
});

const REFUSAL_STATUS = { type: 415, size: 413, 'visitor-quota': 429, 'address-quota': 429, 'total-quota': 507 } as const;
/** The page shows its own text for each reason, in the visitor's language. */
const refusal = (reason: TUploadRefusal | 'busy') => ({ error: 'file refused', reason });

export interface WebChatOptions {
  core: BotCore;
  db: Db;
  campaigns: CampaignDirectory;
  clock: Clock;
  defaultLocale: TLocale;
  uploads: WebUploadLimits;
  /** Fetches a photo that arrived through another channel (Telegram) to show it here. */
  downloadChannelFile?: DownloadChannelFile;
  limits: WebChatLimits;
  /** Wakes event streams when a visitor's message is ready; without it they check the database. */
  notifier?: WebChatNotifier;
}

export interface WebChatLimits {
  /** Requests to /api/chat/ from one address. */
  requestsPerMinute: number;
  /** Messages and photos from one visitor. */
  messagesPerMinute: number;
  /** Visitors one address may start (each becomes a person). */
  newVisitorsPerHour: number;
}

// Addresses are never stored: reports keep a keyed hash, so that several visitors from one
// address share the hourly report limit. The key lives as long as the process; the limit is
// about the last hour.
const SOURCE_KEY = randomBytes(32);
const sourceKeyOf = (req: FastifyRequest) => createHmac('sha256', SOURCE_KEY).update(addressKey(req.ip)).digest('base64url').slice(0, 22);


/** The built-in web chat: a static page and two JSON endpoints. Visitors are anonymous citizens. */
export function registerWebChatRoutes(app: FastifyInstance, { core, db, campaigns, clock, defaultLocale, downloadChannelFile, limits, uploads, notifier = new WebChatNotifier() }: WebChatOptions): void {
  const byAddress = (req: FastifyRequest) => addressKey(req.ip);
  const perAddress = app.createRateLimit({ max: limits.requestsPerMinute, timeWindow: 60_000, keyGenerator: byAddress });
  const newVisitorsPerAddress = app.createRateLimit({ max: limits.newVisitorsPerHour, timeWindow: 3_600_000, keyGenerator: byAddress });
  const visitorOfRequest = new WeakMap<FastifyRequest, string>();
  const perVisitor = app.createRateLimit({
    max: limits.messagesPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => visitorOfRequest.get(req) ?? addressKey(req.ip),
  });
  const refuse = (res: FastifyReply, retryAfterSeconds: number) =>
    res
      .code(429)
      .header('retry-after', String(Math.max(1, retryAfterSeconds)))
      .send({ error: `too many requests, try again in ${Math.max(1, retryAfterSeconds)} s` });

  // Before the body is read: a flood costs neither parsing nor the database.
  app.addHook('onRequest', async (req, res) => {
    if (!req.url.startsWith('/api/chat/')) return;
    const verdict = await perAddress(req);
    if (!verdict.isAllowed && verdict.isExceeded) return refuse(res, verdict.ttlInSeconds);
  });

  /**
   * The visitor sending this message, made on their first one; null when refused (answered
   * with 429): then nothing is created. The cookie carries a secret token; what identifies the
   * visitor everywhere else is their public id.
   */
  const admitVisitor = async (req: FastifyRequest, res: FastifyReply): Promise<string | null> => {
    const known = await findWebVisitor(db, req.cookies[COOKIE]);
    if (known) visitorOfRequest.set(req, known);
    const verdict = await (known ? perVisitor : newVisitorsPerAddress)(req);
    if (!verdict.isAllowed && verdict.isExceeded) {
      await refuse(res, verdict.ttlInSeconds);
      return null;
    }
    if (known) return known;
    const visitor = await createWebVisitor(db);
    // The cookie is the visitor's only credential: not readable by scripts, not sent cross-site,
    // and over HTTPS only when the page came over HTTPS (behind a proxy, see TRUST_PROXY).
    res.setCookie(COOKIE, visitor.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: req.protocol === 'https',
      maxAge: 365 * 86_400,
    });
    return visitor.publicId;
  };

  for (const [url, { body, type }] of Object.entries(ASSETS)) {
    app.get(url, async (_req, res) => res.type(type).header('cache-control', 'no-cache').send(body));
  }

  app.post('/api/chat/send', async (req, res) => {
    const parsed = ZSendBody.safeParse(req.body);
    if (!parsed.success) return res.code(400).send({ error: parsed.error.issues[0]?.message ?? 'bad request' });
    const visitor = await admitVisitor(req, res);
    if (!visitor) return res;
    const { text, button, clientMessageId, after } = parsed.data;
    let input: TInput;
    if (button) input = { kind: 'button', data: button };
    else {
      const command = parseCommand(text!);
      input = command ? { kind: 'command', ...command } : { kind: 'text', text: text! };
    }
    const before = await newestWebMessage(db, visitor, { forButton: Boolean(button) });
    const entry = { clientMessageId, afterMessageId: before.id, text: button ? (before.labelOf(button) ?? button) : text! };
    if (before.identityId) await recordWebChatEntry(db, { identityId: before.identityId, ...entry, createdAt: clock.now() });
    const outcome = await core.handle({
      channel: 'web',
      updateId: `${visitor}:${clientMessageId}`,
      from: { externalId: visitor, chatId: visitor, displayName: 'Web' },
      input,
      sourceKey: sourceKeyOf(req),
    });
    // A first message has no identity to keep it under until its turn made one.
    if (!before.identityId && outcome.identityId) await recordWebChatEntry(db, { identityId: outcome.identityId, ...entry, createdAt: clock.now() });
    return res.send({ visitorId: visitor, ...(await conversationAfter(db, visitor, after)) });
  });

  // Uploads are raw bytes, not JSON: fastify reads them up to the cap and no further (a longer
  // body is refused with 413 while it streams in), so a file costs its own size, not 4/3 of it
  // as base64 plus a parsed copy. Kept in their own scope so the parser serves this route only.
  app.register(async (scope) => {
    let inFlight = 0;
    // A slot is held while the body streams in, as slowly as the sender likes: one address
    // holds one, so a single sender cannot keep everyone else's photos out.
    const inFlightByAddress = new Set<string>();
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES }, (_req, body, done) => done(null, body));
    scope.addHook('onRequest', async (req, res) => {
      // Each upload in flight may hold the largest allowed file in memory: few at a time.
      const address = sourceKeyOf(req);
      if (inFlight >= uploads.concurrent || inFlightByAddress.has(address)) return res.code(503).header('retry-after', '5').send(refusal('busy'));
      inFlight++;
      inFlightByAddress.add(address);
      res.raw.once('close', () => {
        inFlight--;
        inFlightByAddress.delete(address);
      });
      const visitor = await findWebVisitor(db, req.cookies[COOKIE]);
      if (!visitor) return res.code(403).send({ error: 'open the chat first' });
      const declared = Number(req.headers['content-length']);
      // Refused before a byte of the body is read.
      if (Number.isFinite(declared) && declared > MAX_DOCUMENT_BYTES) return res.code(413).send(refusal('size'));
      const quota = await checkUploadQuota(db, `web:${visitor}`, Number.isFinite(declared) ? declared : 0, uploads, clock.now(), address);
      if (quota) return res.code(REFUSAL_STATUS[quota]).send(refusal(quota));
      return undefined;
    });
    scope.setErrorHandler((error: { statusCode?: number }, _req, res) => {
      const status = error.statusCode ?? 500;
      if (status === 413) return res.code(413).send(refusal('size'));
      if (status === 415) return res.code(415).send(refusal('type'));
      if (status >= 400 && status < 500) return res.code(status).send({ error: 'bad request' });
      throw error;
    });
    scope.post('/api/chat/upload', async (req, res) => {
      const query = ZUploadQuery.safeParse(req.query);
      if (!query.success) return res.code(400).send({ error: 'clientMessageId is required' });
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) return res.code(415).send(refusal('type'));
      const visitor = await admitVisitor(req, res);
      if (!visitor) return res;
      const uploader = `web:${visitor}`;
      const stored = await storeUpload(db, { bytes: req.body, uploader, from: sourceKeyOf(req), limits: uploads, now: clock.now() });
      if (!stored.ok) return res.code(REFUSAL_STATUS[stored.refusal]).send(refusal(stored.refusal));
      const { clientMessageId, after, name } = query.data;
      const sizeBytes = req.body.length;
      const before = await newestWebMessage(db, visitor, { forButton: false });
      const fileName = safeFileName(name, stored.mimeType);
      const entry = { clientMessageId, afterMessageId: before.id, text: isImageType(stored.mimeType) ? '📷' : `📎 ${fileName}` };
      if (before.identityId) await recordWebChatEntry(db, { identityId: before.identityId, ...entry, createdAt: clock.now() });
      const outcome = await core.handle({
        channel: 'web',
        updateId: `${visitor}:${clientMessageId}`,
        from: { externalId: visitor, chatId: visitor, displayName: 'Web' },
        input: isImageType(stored.mimeType)
          ? { kind: 'photo', fileRef: stored.id, mimeType: stored.mimeType, sizeBytes }
          : { kind: 'document', fileRef: stored.id, mimeType: stored.mimeType, sizeBytes, fileName },
        sourceKey: sourceKeyOf(req),
      });
      // Kept only when the dialog took it; otherwise it goes now rather than at the next sweep.
      const taken = await findReferencedFiles(db, { ids: [stored.id], liveSince: new Date(0), ...(outcome.identityId ? { identityId: outcome.identityId } : {}) });
      if (!taken.has(stored.id)) await db.storedFile.deleteMany({ where: { id: stored.id } });
      if (!before.identityId && outcome.identityId) await recordWebChatEntry(db, { identityId: outcome.identityId, ...entry, createdAt: clock.now() });
      return res.send({ visitorId: visitor, ...(await conversationAfter(db, visitor, after)) });
    });
  });

  app.get('/api/chat/attachments/:id', async (req, res) => {
    const params = ZFileId.safeParse(req.params);
    if (!params.success) return res.code(404).send({ error: 'not found' });
    const { id } = params.data;
    const visitor = await findWebVisitor(db, req.cookies[COOKIE]);
    if (!visitor) return res.code(403).send({ error: 'forbidden' });
    const identity = await db.identity.findUnique({ where: { channel_externalId: { channel: 'web', externalId: visitor } } });
    if (!identity) return res.code(403).send({ error: 'forbidden' });
    const attachment = await db.$transaction(async (tx) =>
      canSeeAttachment(tx, id, { person: await getPersonView(tx, identity.personId, defaultLocale), identityId: identity.id, campaigns }),
    );
    if (!attachment) return res.code(404).send({ error: 'not found' });
    const bytes =
      attachment.channel === 'web'
        ? ((await db.storedFile.findUnique({ where: { id: attachment.fileRef } }))?.data ?? null)
        : // A file Telegram no longer has, or one over the download cap, is simply not shown.
          ((await downloadChannelFile?.(attachment.channel, attachment.fileRef).catch(() => null))?.data ?? null);
    if (!bytes) return res.code(404).send({ error: 'not found' });
    // A photo sent as a file on Telegram comes as it was taken, and one kept before photos were
    // kept without metadata still has it: what the camera wrote is never shown (see stripPhotoMetadata).
    const shown = isImageType(sniffFileType(bytes) ?? undefined) ? stripPhotoMetadata(bytes) : bytes;
    if (!shown) return res.code(404).send({ error: 'not found' });
    return sendFile(res, shown, { fileName: `attachment-${id}`, cache: 'private, max-age=3600' });
  });

  // Files the bot made (exports) are for the official each was sent to, while still one: not
  // for another official, nor one of another movement, who learnt the file's id.
  app.get('/api/chat/files/:id', async (req, res) => {
    const params = ZFileId.safeParse(req.params);
    if (!params.success) return res.code(404).send({ error: 'not found' });
    const { id } = params.data;
    const visitor = await findWebVisitor(db, req.cookies[COOKIE]);
    const identity = visitor ? await db.identity.findUnique({ where: { channel_externalId: { channel: 'web', externalId: visitor } } }) : null;
    if (!identity) return res.code(403).send({ error: 'forbidden' });
    const person = await getPersonView(db, identity.personId, defaultLocale);
    if (!hasRole(person.roles, 'official')) return res.code(403).send({ error: 'forbidden' });
    if (!(await wasFileSentTo(db, { identityId: identity.id, file: { storedFileId: id } }))) return res.code(404).send({ error: 'not found' });
    const file = await db.storedFile.findUnique({ where: { id } });
    if (!file) return res.code(404).send({ error: 'not found' });
    const name = z.string().regex(/^[\w.-]{1,100}$/).catch('export').parse(String((req.query as Record<string, unknown>).name ?? 'export'));
    return sendFile(res, file.data, { fileName: name, cache: 'private, no-store' });
  });

  app.get('/api/chat/messages', async (req, res) => {
    const query = ZAfter.safeParse(req.query);
    if (!query.success) return res.code(400).send({ error: 'after must be a message number' });
    // An unknown visitor has no messages yet: nothing is created until they send one.
    const visitor = await findWebVisitor(db, req.cookies[COOKIE]);
    if (!visitor) return res.send({ messages: [] });
    return res.send({ visitorId: visitor, ...(await conversationAfter(db, visitor, query.data.after)) });
  });

  // New messages as server-sent events: one long request instead of a poll every few seconds,
  // so it counts once against the address's limit. Streams are few per visitor and address.
  const openStreams = { byVisitor: new Map<string, number>(), byAddress: new Map<string, number>() };
  const closeStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of closeStreams) close();
  });
  app.get('/api/chat/events', async (req, res) => {
    const query = ZAfter.safeParse(req.query);
    if (!query.success) return res.code(400).send({ error: 'after must be a message number' });
    const visitor = await findWebVisitor(db, req.cookies[COOKIE]);
    // 204 tells EventSource not to reconnect: the page opens the stream once it has a visitor.
    if (!visitor) return res.code(204).send();
    const lastEventId = Number(req.headers['last-event-id']);
    const after = Number.isInteger(lastEventId) && lastEventId >= 0 && lastEventId <= MAX_MESSAGE_ID ? Math.max(lastEventId, query.data.after) : query.data.after;
    const address = sourceKeyOf(req);
    if ((openStreams.byVisitor.get(visitor) ?? 0) >= STREAMS_PER_VISITOR || (openStreams.byAddress.get(address) ?? 0) >= STREAMS_PER_ADDRESS) {
      return refuse(res, 30);
    }
    const count = (map: Map<string, number>, key: string, by: number) => {
      const next = (map.get(key) ?? 0) + by;
      if (next > 0) map.set(key, next);
      else map.delete(key);
    };
    count(openStreams.byVisitor, visitor, 1);
    count(openStreams.byAddress, address, 1);
    const stream = openEventStream({
      after,
      read: (since) => messagesAfter(db, visitor, since),
      subscribe: (wake) => notifier.subscribe(visitor, wake),
      checkEveryMs: STREAM_CHECK_MS,
      lifetimeMs: STREAM_LIFETIME_MS,
    });
    closeStreams.add(stream.close);
    stream.body.once('close', () => {
      closeStreams.delete(stream.close);
      count(openStreams.byVisitor, visitor, -1);
      count(openStreams.byAddress, address, -1);
    });
    res.raw.once('close', stream.close);
    return res
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-store')
      // Proxies (nginx) must pass each event on at once, not buffer the stream.
      .header('x-accel-buffering', 'no')
      .send(stream.body);
  });
}

/** Open event streams one visitor, and one address, may hold (several tabs, a reconnect). */
const STREAMS_PER_VISITOR = 3;
const STREAMS_PER_ADDRESS = 20;
/** How often a stream looks in the database itself: for messages queued by another instance. */
const STREAM_CHECK_MS = 15_000;
/** A stream ends after this long and the page reconnects: no request is held for ever. */
const STREAM_LIFETIME_MS = 10 * 60_000;

/**
 * The bot's messages after `after`, and what the visitor sent since then (`mine`), each placed
 * after the bot message numbered `afterMessageId`.
 */
async function conversationAfter(db: Db, visitor: string, after: number) {
  const messages = await messagesAfter(db, visitor, after);
  const identity = await db.identity.findUnique({ where: { channel_externalId: { channel: 'web', externalId: visitor } }, select: { id: true, person: { select: { locale: true } } } });
  const full = messages.length === 200;
  const mine = identity
    ? await db.webChatEntry.findMany({
        where: { identityId: identity.id, afterMessageId: { gte: after, ...(full ? { lt: messages[messages.length - 1]!.id } : {}) } },
        orderBy: { id: 'asc' },
        take: 200,
        select: { clientMessageId: true, afterMessageId: true, text: true },
      })
    : [];
  // The page speaks the language the person chose in the chat.
  const locale = ZLocale.safeParse(identity?.person.locale);
  return { messages, mine, ...(locale.success ? { locale: locale.data } : {}) };
}

async function messagesAfter(db: Db, visitor: string, after: number) {
  const identity = await db.identity.findUnique({
    where: { channel_externalId: { channel: 'web', externalId: visitor } },
    select: { id: true },
  });
  if (!identity) return [];
  const messages = await listMessagesAfter(db, { identityId: identity.id, after, take: 200 });
  // The page shows a file's size on its download button.
  const fileIds = messages.flatMap((m) => (m.document ? [m.document.storedFileId] : []));
  if (!fileIds.length) return messages;
  const sizes = new Map((await db.storedFile.findMany({ where: { id: { in: fileIds } }, select: { id: true, sizeBytes: true } })).map((f) => [f.id, f.sizeBytes]));
  return messages.map((m) => (m.document ? { ...m, document: { ...m.document, sizeBytes: sizes.get(m.document.storedFileId) ?? null } } : m));
}
