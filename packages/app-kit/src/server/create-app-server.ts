import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { requestIdOf } from '@levqor/api/rest/request-id';
import { recordSecurityEvent } from '@levqor/core';
import { getDb } from '@levqor/db';
import next from 'next';
import { createRateLimiter } from '../rest-deps';
import { clientIp } from './client-ip';
import { type AppName, limitsFor } from './rate-rules';
import { contentSecurityPolicy, newNonce, securityHeaders } from './security-headers';

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

function tooMany(res: ServerResponse, requestId: string, retryAfter: number, detail: string) {
  res.writeHead(429, {
    'content-type': 'application/problem+json',
    'retry-after': String(retryAfter),
    'x-request-id': requestId,
  });
  res.end(
    JSON.stringify({
      type: 'https://levqor.dev/problems/too-many-requests',
      title: 'Too Many Requests',
      status: 429,
      detail,
      request_id: requestId,
    }),
  );
}

/**
 * The server every Levqor app runs behind (dev and production): request ids, the real client IP
 * (spoof-proof), shared rate limits, security headers with a per-request CSP nonce, then Next.
 */
export async function startAppServer(opts: AppServerOptions) {
  const app = next({ dev: opts.dev, dir: opts.dir, port: opts.port });
  const nextHandler = app.getRequestHandler();
  await app.prepare();
  const limiter = createRateLimiter(getDb());
  const production = process.env.NODE_ENV === 'production' && process.env.LEVQOR_LOCAL !== '1' && !opts.dev;
  const trustedProxies = Number(process.env.LEVQOR_TRUSTED_PROXIES ?? 0);
  // Built once: the same for every API response, and for every page.
  const apiHeaders = Object.entries(securityHeaders({ production, api: true }));
  const pageHeaders = Object.entries(securityHeaders({ production, api: false }));

  const server = createServer(async (req, res) => {
    const requestId = requestIdOf(req.headers['x-request-id'] as string | undefined);
    const ip = clientIp(req, trustedProxies);
    // Downstream code sees only values set here, never a client's own.
    req.headers['x-request-id'] = requestId;
    req.headers['x-levqor-client-ip'] = ip;
    req.headers['x-forwarded-for'] = ip;
    res.setHeader('x-request-id', requestId);
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    res.on('finish', () => {
      if (res.statusCode >= 500)
        console.error(
          JSON.stringify({
            level: 'error',
            msg: 'http.5xx',
            app: opts.app,
            method,
            path,
            status: res.statusCode,
            requestId,
          }),
        );
    });
    try {
      for (const rule of limitsFor(opts.app, method, path, ip)) {
        const r = await limiter.hit(rule.key, rule.limit, rule.windowMs);
        if (!r.allowed) {
          const retryAfter = Math.max(1, Math.ceil((r.resetAt.getTime() - Date.now()) / 1000));
          await recordSecurityEvent(getDb(), {
            type: 'rate_limited',
            severity: 'warning',
            requestId,
            path,
            ip,
            metadata: { rule: rule.key.replace(ip, '<ip>'), limit: rule.limit },
          });
          return tooMany(
            res,
            requestId,
            retryAfter,
            `Too many requests: the limit is ${rule.limit} per minute. Retry in ${retryAfter} s.`,
          );
        }
      }
      const api = path.startsWith('/api/');
      for (const [k, v] of api ? apiHeaders : pageHeaders) res.setHeader(k, v);
      if (!api) {
        const csp = contentSecurityPolicy(newNonce(), opts.dev);
        // Next reads the nonce from the request's CSP header and puts it on its own scripts.
        req.headers['content-security-policy'] = csp;
        res.setHeader('content-security-policy', csp);
      }
      if (opts.before && (await opts.before(req, res, { requestId, ip }))) return;
      await nextHandler(req, res);
    } catch (err) {
      console.error(
        JSON.stringify({
          level: 'error',
          msg: 'server.unhandled',
          app: opts.app,
          path,
          requestId,
          err: String(err),
        }),
      );
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/problem+json' });
        res.end(
          JSON.stringify({
            type: 'about:blank',
            title: 'Internal Server Error',
            status: 500,
            detail: `Something went wrong on our side (request ${requestId}).`,
            request_id: requestId,
          }),
        );
      } else res.end();
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(opts.port, resolve));
  console.log(
    `${opts.app} listening on http://localhost:${opts.port} (${opts.dev ? 'development' : 'production'})`,
  );
  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return server;
}
