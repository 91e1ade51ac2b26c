import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCappedBody } from '@levqor/api/http/read-capped-body';
import { MAX_BODY_BYTES } from '@levqor/api/rest/gateway';
import { PROBLEM_CONTENT_TYPE, problem as problemBody, UNAVAILABLE_DETAIL } from '@levqor/api/rest/problem';
import { requestIdOf } from '@levqor/api/rest/request-id';
import { withoutBadCallbackCookie } from '@levqor/auth/callback-cookie';
import { MAX_AUTH_BODY_BYTES } from '@levqor/auth/limits';
import { envProblems } from '@levqor/config';
import { APP_SERVER_HEADERS, appServerProof } from '@levqor/config/app-server-proof';
import { exitWithLauncher } from '@levqor/config/exit-with-launcher';
import { appOrigins, listenHosts } from '@levqor/config/listen';
import { DATABASE_RETRY_AFTER_S, getDatabaseAvailability } from '@levqor/db';
import { withContext } from '@levqor/observability/context';
import { log } from '@levqor/observability/logger';
import { flushSentry, initSentry, reportError } from '@levqor/observability/sentry';
import next from 'next';
import { getSharedLimiter, getSharedRefusalLog } from '../rest-deps';
import { canonicalTarget, encodedLength } from './canonical-path';
import { clientIp } from './client-ip';
import { describeAddresses, listenServers } from './listen-servers';
import { type AppName, limitsFor, PUBLIC_WRITES } from './rate-rules';
import { replayRequest } from './replay-request';
import { type AppOriginRules, establishRequestFacts } from './request-facts';
import { contentSecurityPolicy, newNonce, securityHeaders, sentryConnectOrigin } from './security-headers';

export interface AppServerOptions {
  app: AppName;
  dir: string;
  port: number;
  dev: boolean;
  /** Handles a request before Next (e.g. the REST API); resolves true when it answered. */
  before?: (
    req: IncomingMessage,
    res: ServerResponse,
    ctx: { requestId: string; ip: string },
  ) => Promise<boolean>;
}

function problem(
  res: ServerResponse,
  reason: 'invalid-path' | 'uri-too-long' | 'payload-too-large' | 'rate-limited' | 'unavailable' | 'internal',
  requestId: string,
  detail: string,
  headers: Record<string, string> = {},
) {
  const body = problemBody(reason, detail, requestId);
  res.writeHead(body.status, { 'content-type': PROBLEM_CONTENT_TYPE, 'x-request-id': requestId, ...headers });
  res.end(JSON.stringify(body));
}

/** Longest request URL (path and query) the app servers accept. */
export const MAX_URL_LENGTH = 8_192;

/** API routes that reach the database; health probes answer for themselves (ready says 503, live 200). */
function needsDatabase(path: string): boolean {
  return path.startsWith('/api/') && path !== '/api/health' && !path.startsWith('/api/health/');
}

const SMALL_BODY_BYTES = 8 * 1024;
const OTHER_API_BODY_BYTES = 64 * 1024;

/** Bodies the app server reads itself (counting bytes as they stream) before Next sees the request. */
function bodyCap(method: string, path: string): number | null {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
  const p = path.toLowerCase();
  if (p === '/api/trpc' || p.startsWith('/api/trpc/')) return MAX_BODY_BYTES;
  if (p === '/api/auth' || p.startsWith('/api/auth/')) return MAX_AUTH_BODY_BYTES;
  // Stripe's events are well under this; a bigger body is not Stripe's.
  if (p === '/api/stripe/webhook') return 1024 * 1024;
  // Anonymous writes (a consent choice, an analytics event, an unsubscribe form) are a few hundred bytes.
  if (PUBLIC_WRITES.includes(p) || p.startsWith('/api/privacy/')) return SMALL_BODY_BYTES;
  // The REST API bounds its bodies while it streams them (packages/api/src/rest); Inngest's calls are
  // signed and carry step state. Every other route handler would read a body whole: bound it here.
  if (p.startsWith('/api/') && !p.startsWith('/api/v1/') && p !== '/api/inngest') return OTHER_API_BODY_BYTES;
  return null;
}

/**
 * The process-wide facts next-auth and the routes read from the environment, set before Next starts:
 * which app this is (its session cookie name), its public URL, and next-auth taking its origin from the
 * `x-forwarded-host` this server writes (one of the app's own origins, never a client's header).
 */
function announceApp(opts: AppServerOptions): AppOriginRules {
  const env = process.env;
  const url =
    env.LEVQOR_APP_URL ??
    env.NEXTAUTH_URL ??
    env[`LEVQOR_${opts.app.toUpperCase()}_URL`] ??
    `http://localhost:${opts.port}`;
  env.LEVQOR_APP = opts.app;
  env.LEVQOR_APP_URL = url;
  env.AUTH_TRUST_HOST = 'true';
  delete env.NEXTAUTH_URL;
  return { origins: appOrigins(url), primary: new URL(url) };
}

/**
 * The server every Levqor app runs behind (dev and production): request ids, the real client IP
 * (spoof-proof), one canonical path for every rule and for Next, shared rate limits, bodies counted
 * while they stream, security headers with a per-request CSP nonce, then Next.
 */
export async function startAppServer(opts: AppServerOptions) {
  // One clear line per bad variable (e.g. LEVQOR_DEV_MAILBOX=1 outside local mode), then stop.
  const problems = envProblems();
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }
  // Before Next starts, so its instrumentation hook finds the client (off without SENTRY_DSN).
  await initSentry(opts.app);
  const logger = log.child({ app: opts.app });
  const origin = announceApp(opts);
  const proof = appServerProof();
  const app = next({ dev: opts.dev, dir: opts.dir, port: opts.port });
  const nextHandler = app.getRequestHandler();
  await app.prepare();
  const limiter = getSharedLimiter();
  const database = getDatabaseAvailability();
  const refusals = getSharedRefusalLog();
  const production = process.env.NODE_ENV === 'production' && process.env.LEVQOR_LOCAL !== '1' && !opts.dev;
  const trustedProxies = Number(process.env.LEVQOR_TRUSTED_PROXIES ?? 0);
  // Built once: the same for every API response, and for every page.
  const apiHeaders = Object.entries(securityHeaders({ production, api: true }));
  const pageHeaders = Object.entries(securityHeaders({ production, api: false }));
  // Pages may send error reports to Sentry's ingest only when a DSN is configured.
  const reportOrigin = sentryConnectOrigin(process.env.SENTRY_DSN);

  const handle = async (incoming: IncomingMessage, res: ServerResponse) => {
    let req = incoming;
    const requestId = requestIdOf(req.headers['x-request-id'] as string | undefined);
    const ip = clientIp(req, trustedProxies);
    res.setHeader('x-request-id', requestId);
    const method = req.method ?? 'GET';
    const target = canonicalTarget(req.url ?? '/');
    let path = target.ok ? target.path : (req.url ?? '/').split('?')[0]!;
    res.on('finish', () => {
      if (res.statusCode >= 500)
        logger.error({ method, path, status: res.statusCode, requestId }, 'http.5xx');
    });
    try {
      // Nothing Levqor serves needs a longer URL; echoed into a redirect it overflowed clients' headers.
      // Counted percent-encoded: 3,000 raw "[" are 9,000 characters in a Location header.
      if (encodedLength(incoming.url ?? '') > MAX_URL_LENGTH)
        return problem(
          res,
          'uri-too-long',
          requestId,
          `The URL is longer than ${MAX_URL_LENGTH} characters once percent-encoded (a raw "[", "{" or quote counts as three).`,
        );
      if (!target.ok)
        return problem(res, 'invalid-path', requestId, `Invalid request path: ${target.reason}.`);
      // From here on every rule, the REST routes and Next see the one canonical spelling.
      req.url = target.url;
      path = target.path;
      // Downstream code sees only values set here, never a client's own.
      req.headers['x-request-id'] = requestId;
      establishRequestFacts(req, { ip, proof, origin });
      // A return-address cookie next-auth would refuse made every page and call answer 500: drop it.
      const cookie = req.headers.cookie;
      if (cookie) req.headers.cookie = withoutBadCallbackCookie(cookie);

      // While the database is known to be unreachable, API calls are refused at once (503 + Retry-After)
      // instead of queueing behind a pool that cannot connect (see DatabaseAvailability).
      if (database.down && needsDatabase(path))
        return problem(res, 'unavailable', requestId, UNAVAILABLE_DETAIL, {
          'retry-after': String(DATABASE_RETRY_AFTER_S),
        });

      const counted: string[] = [];
      for (const rule of limitsFor(opts.app, method, path, ip)) {
        const r = await limiter.hit(rule.key, rule.limit, rule.windowMs);
        if (!r.allowed) {
          const retryAfter = Math.max(1, Math.ceil((r.resetAt.getTime() - Date.now()) / 1000));
          void refusals.record({ ...rule, ip, path, requestId });
          return problem(
            res,
            'rate-limited',
            requestId,
            `Too many requests: the limit is ${rule.limit} per minute. Retry in ${retryAfter} s.`,
            { 'retry-after': String(retryAfter) },
          );
        }
        counted.push(rule.name);
      }
      // The auth handler counts the sign-in limits itself unless this says they were counted here.
      if (counted.length > 0) req.headers[APP_SERVER_HEADERS.counted] = counted.join(',');

      const api = path.startsWith('/api/');
      for (const [k, v] of api ? apiHeaders : pageHeaders) res.setHeader(k, v);
      if (!api) {
        const csp = contentSecurityPolicy(newNonce(), opts.dev, reportOrigin);
        // Next reads the nonce from the request's CSP header and puts it on its own scripts.
        req.headers['content-security-policy'] = csp;
        res.setHeader('content-security-policy', csp);
      }
      const cap = bodyCap(method, path);
      if (cap !== null) {
        const read = await readCappedBody(req, cap);
        if (!read.ok) {
          if (read.reason === 'aborted') return void res.destroy();
          return problem(res, 'payload-too-large', requestId, `The request body exceeds ${cap / 1024} KB.`);
        }
        req = replayRequest(req, read.body);
      }
      if (opts.before && (await opts.before(req, res, { requestId, ip }))) return;
      await nextHandler(req, res);
    } catch (err) {
      logger.error({ path, requestId, err }, 'server.unhandled');
      if (res.headersSent) res.end();
      else if (database.note(err))
        // A rate limit or a route could not reach the database (restart, failover): ask to retry.
        problem(res, 'unavailable', requestId, UNAVAILABLE_DETAIL, {
          'retry-after': String(DATABASE_RETRY_AFTER_S),
        });
      else {
        reportError(err, { requestId });
        problem(res, 'internal', requestId, `Something went wrong on our side (request ${requestId}).`);
      }
    }
  };

  const servers = await listenServers(
    // Every log line and error report of the request (in Next too) carries its id.
    (req, res) => {
      const requestId = requestIdOf(req.headers['x-request-id'] as string | undefined);
      req.headers['x-request-id'] = requestId;
      void withContext({ requestId }, () => handle(req, res));
    },
    opts.port,
    listenHosts(),
  );
  logger.info(
    `${opts.app} listening on ${describeAddresses(servers, opts.port)} (${opts.dev ? 'development' : 'production'})`,
  );
  const stop = () => {
    let open = servers.length;
    for (const s of servers)
      s.close(() => {
        open -= 1;
        if (open === 0) void flushSentry().finally(() => process.exit(0));
      });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  exitWithLauncher();
  return servers;
}
