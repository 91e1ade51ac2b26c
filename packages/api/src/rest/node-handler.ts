import type { IncomingMessage, ServerResponse } from 'node:http';
import { STABILIZE_RETRY_AFTER_S } from '@levqor/core';
import { DATABASE_RETRY_AFTER_S, getDatabaseAvailability, getDb } from '@levqor/db';
import { log } from '@levqor/observability/logger';
import { reportError } from '@levqor/observability/sentry';
import type { AnyTRPCRouter } from '@trpc/server';
import { createOpenApiNodeHttpHandler } from 'trpc-to-openapi';
import { type Context, createContext } from '../context';
import { readCappedBody } from '../http/read-capped-body';
import { appRouter } from '../root';
import { assertRestScopes } from './assert-rest-scopes';
import {
  API_PREFIX,
  admit,
  checkContentType,
  MAX_BODY_BYTES,
  parseJsonBody,
  type Refusal,
  type RestDeps,
  successMeta,
  tooLarge,
} from './gateway';
import { openApiDocument } from './openapi-document';
import { PROBLEM_CONTENT_TYPE, problemFromTrpc, unavailable } from './problem';
import { requestIdOf } from './request-id';

type LevqorRequest = IncomingMessage & { body?: unknown; levqorCtx?: Context };

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: unknown,
  contentType = 'application/json',
) {
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('content-type', contentType);
  res.end(JSON.stringify(body));
}

const refuse = (res: ServerResponse, r: Refusal) =>
  send(res, r.status, r.headers, r.body, PROBLEM_CONTENT_TYPE);

/** Rewrites trpc-to-openapi's error bodies as problem+json, keeping the status code. */
function convertErrors(res: ServerResponse, requestId: string) {
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
  res.end = ((chunk?: unknown) => {
    if (res.statusCode >= 400 && typeof chunk === 'string') {
      let parsed: Parameters<typeof problemFromTrpc>[1] = {};
      try {
        parsed = JSON.parse(chunk);
      } catch {
        // not JSON: leave the generic detail
      }
      res.setHeader('content-type', PROBLEM_CONTENT_TYPE);
      if (res.statusCode === 503)
        res.setHeader(
          'retry-after',
          String(parsed.data?.reason === 'stabilizing' ? STABILIZE_RETRY_AFTER_S : DATABASE_RETRY_AFTER_S),
        );
      return end(JSON.stringify(problemFromTrpc(res.statusCode, parsed, requestId)));
    }
    return end(chunk);
  }) as ServerResponse['end'];
}

/**
 * `/api/v1/*` on plain node:http: API key + rate limit, JSON body rules, then the tRPC procedures
 * through trpc-to-openapi's node-http adapter. Returns false for paths it does not own. Throws at once
 * when a REST procedure names no API-key scope (assertRestScopes).
 */
export function createRestNodeHandler(
  deps: RestDeps,
  opts: { origin: string /** Default: the app's router. */; router?: AnyTRPCRouter },
) {
  const router = opts.router ?? appRouter;
  assertRestScopes(router);
  const openapi = createOpenApiNodeHttpHandler({
    router,
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req }) => (req as LevqorRequest).levqorCtx!,
    responseMeta: ({ paths, data, errors }) => (errors.length > 0 ? {} : successMeta(paths?.[0], data[0])),
    onError: ({ error, path, ctx }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        const requestId = (ctx as Context | undefined)?.requestId;
        log.error({ path, requestId, err: error.cause ?? error }, 'rest.internal');
        // Once per error: one the procedure middleware (trpc.ts) already reported is not sent again.
        reportError(error.cause ?? error, { requestId });
      }
    },
  });

  return async function handle(req: LevqorRequest, res: ServerResponse): Promise<boolean> {
    try {
      return await handleRest(req, res);
    } catch (err) {
      // The key check, the rate limit or the request log could not reach the database: 503, not 500.
      // (Noting it opens the process's breaker: the app server then refuses at once until a probe passes.)
      if (!getDatabaseAvailability().note(err) || res.headersSent) throw err;
      const requestId = String(res.getHeader('x-request-id') ?? '');
      refuse(res, {
        status: 503,
        headers: { 'retry-after': String(DATABASE_RETRY_AFTER_S) },
        body: unavailable(requestId),
      });
      return true;
    }
  };

  async function handleRest(req: LevqorRequest, res: ServerResponse): Promise<boolean> {
    const url = req.url ?? '/';
    if (url !== API_PREFIX && !url.startsWith(`${API_PREFIX}/`) && !url.startsWith(`${API_PREFIX}?`))
      return false;
    const requestId = requestIdOf(req.headers['x-request-id'] as string | undefined);
    const started = performance.now();
    res.setHeader('x-request-id', requestId);
    const method = req.method ?? 'GET';
    const path = url.slice(API_PREFIX.length) || '/';
    let principal: { keyId: string; workspaceId: string } | null = null;
    res.on('finish', () => {
      deps.requestLog?.record({
        workspaceId: principal?.workspaceId ?? null,
        apiKeyId: principal?.keyId ?? null,
        method,
        path: path.split('?')[0]!.slice(0, 200),
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
        requestId,
      });
    });

    if (method === 'GET' && (path === '/openapi.json' || path.startsWith('/openapi.json?'))) {
      send(res, 200, { 'cache-control': 'public, max-age=60' }, openApiDocument(opts.origin, router));
      return true;
    }
    const ip =
      (req.headers['x-levqor-client-ip'] as string | undefined) ?? req.socket.remoteAddress ?? 'unknown';
    const header = (name: string) => req.headers[name] as string | undefined;
    const admission = await admit(deps, header, requestId, { ip, path });
    if ('status' in admission) {
      refuse(res, admission);
      return true;
    }
    principal = admission.principal;
    for (const [k, v] of Object.entries(admission.headers)) res.setHeader(k, v);

    const typeRefusal = checkContentType(method, header, requestId);
    if (typeRefusal) {
      req.resume();
      refuse(res, typeRefusal);
      return true;
    }
    if (['POST', 'PUT', 'PATCH'].includes(method)) {
      const read = await readCappedBody(req, MAX_BODY_BYTES);
      if (!read.ok) {
        // Too large: the reader keeps draining, so the client reads this 413 (not a reset connection).
        if (read.reason === 'too_large') refuse(res, tooLarge(requestId));
        else res.destroy();
        return true;
      }
      const parsed = parseJsonBody(read.body.toString('utf8'), requestId);
      if ('status' in parsed) {
        refuse(res, parsed);
        return true;
      }
      req.body = parsed.value;
      // What the adapter reads is this parsed JSON (`{}` for a request without content).
      req.headers['content-type'] = 'application/json';
    }
    const headers = new Headers();
    const idem = req.headers['idempotency-key'];
    if (typeof idem === 'string') headers.set('idempotency-key', idem);
    req.levqorCtx = createContext({
      db: deps.db ?? getDb(),
      user: null,
      apiKey: admission.principal,
      requestId,
      events: deps.events,
      headers,
    });
    req.url = path;
    convertErrors(res, requestId);
    await openapi(req, res);
    return true;
  }
}
