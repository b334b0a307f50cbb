import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { isDatabaseUnavailable } from '../bot/is-database-unavailable.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';

export interface HttpServerOptions {
  db: Db;
  logger: Logger;
  /** fastify's trustProxy: which X-Forwarded-* headers to believe (TRUST_PROXY). */
  trustProxy: boolean | number | string;
  /** Each channel's status by name, for /healthz: `off` when not running; `error` is degraded. */
  channelStatus: () => Record<string, string>;
  /** Mounts the channels' routes (the web chat, webhooks), once the plugins they use are in. */
  registerRoutes: (http: FastifyInstance) => Promise<void>;
}

export async function createHttpServer({ db, logger, trustProxy, channelStatus, registerRoutes }: HttpServerOptions): Promise<FastifyInstance> {
  // Fastify's own logging is off: requests are logged by the handlers that matter, through
  // the scrubbing logger.
  // Behind a reverse proxy, the client's address and protocol come from X-Forwarded-For and
  // -Proto, but only from the proxies TRUST_PROXY names: otherwise anyone could forge them.
  const serverOptions: FastifyServerOptions = {
    logger: false,
    bodyLimit: 1_048_576,
    // At shutdown, open connections (the web chat's event streams, kept-alive ones) are closed
    // rather than waited for: a page reconnects, and a message cut short is sent again under
    // its id and handled once.
    forceCloseConnections: true,
    // A request whose body trickles in must not hold an upload slot for ever: each one may
    // take this long to arrive. An event stream is not cut by it (its request is complete).
    requestTimeout: 120_000,
    // A number is how many proxies in front to believe, nearest first.
    trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
  };
  const app: FastifyInstance = Fastify(serverOptions);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // The page shows the photo being sent from a data: URL before it is uploaded.
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    // HTTPS and its HSTS policy belong to the TLS proxy in front, which knows the domain.
    hsts: false,
  });
  // Only the web chat is limited (its own routes): the platforms' webhooks and /healthz
  // must always get through.
  await app.register(rateLimit, { global: false });

  app.get('/healthz', async (_req, res) => {
    let database = 'ok';
    try {
      await db.$queryRawUnsafe('SELECT 1');
    } catch {
      database = 'unavailable';
    }
    const channels = channelStatus();
    const ok = database === 'ok' && !Object.values(channels).includes('error');
    return res.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', database, channels });
  });

  await registerRoutes(app);

  app.setErrorHandler((error, _req, res) => {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return res.code(status).send({ error: CLIENT_ERRORS[status] ?? 'bad request' });
    }
    const unavailable = isDatabaseUnavailable(error);
    logger.error({ err: error }, 'request failed');
    res.code(unavailable ? 503 : 500).send({ error: unavailable ? 'database unavailable, try again' : 'internal error' });
  });
  return app;
}

// Short and fixed: fastify's own messages may quote what the client sent.
const CLIENT_ERRORS: Record<number, string> = {
  400: 'bad request: send valid JSON',
  404: 'not found',
  413: 'request too large',
  415: 'unsupported content type: send JSON',
  429: 'too many requests, try again later',
};
