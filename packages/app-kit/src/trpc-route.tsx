import { appRouter, createContext, type SessionUser } from '@levqor/api';
import { MAX_BODY_BYTES } from '@levqor/api/rest/gateway';
import { UNAVAILABLE_DETAIL } from '@levqor/api/rest/problem';
import { trustedRequestFacts } from '@levqor/config/app-server-proof';
import { clientKey } from '@levqor/core';
import { DATABASE_RETRY_AFTER_S, getDb, isDatabaseUnavailable } from '@levqor/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getLevqorEngine } from './engine';
import { requestIdFrom } from './request-id';
import { getSharedLimiter, getSharedRefusalLog } from './rest-deps';
import { rateLimitConfig } from './server/rate-rules';
import { getSessionUser } from './session-user';

/** Calls one batched tRPC request may carry. */
export const MAX_BATCH_SIZE = 10;

function refuse(status: number, message: string, requestId: string, headers: Record<string, string> = {}) {
  return Response.json(
    { error: { message, code: status, requestId } },
    { status, headers: { 'x-request-id': requestId, ...headers } },
  );
}

/** The request's Origin is this site's (a missing, `null` or unparsable Origin is not). */
function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return req.headers.get('sec-fetch-site') === 'same-origin';
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null" (sandboxed frames, file: pages)
  }
  const host = req.headers.get('host');
  return from.origin === new URL(req.url).origin || (host !== null && from.host === host);
}

/**
 * Mutations (POST) must come from this origin, as JSON, within 512 KB: a cross-site form or fetch
 * cannot act with the user's session cookie. (The app server counts the body's bytes as they stream
 * and answers 413 itself; the declared length is checked here too.)
 */
function checkMutation(req: Request, requestId: string): Response | null {
  if (req.method !== 'POST') return null;
  if (!isSameOrigin(req)) return refuse(403, 'Cross-origin requests are not allowed', requestId);
  if (!/^application\/json\s*(;|$)/i.test(req.headers.get('content-type') ?? ''))
    return refuse(415, 'Send JSON (Content-Type: application/json)', requestId);
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES)
    return refuse(413, `Request body over ${MAX_BODY_BYTES / 1024} KB`, requestId);
  return null;
}

/**
 * Per-session limit on tRPC calls: each call of a batch counts, queries and mutations separately, per
 * signed-in user (all of their sessions together) or, signed out, per client address.
 */
async function checkRate(
  req: Request,
  user: SessionUser | null,
  requestId: string,
): Promise<Response | null> {
  const url = new URL(req.url);
  const procedures = url.pathname.slice(url.pathname.indexOf('/api/trpc/') + '/api/trpc/'.length);
  const calls = url.searchParams.get('batch') === '1' ? procedures.split(',').length : 1;
  const type = req.method === 'GET' ? 'queries' : 'mutations';
  const cfg = rateLimitConfig();
  const limit = type === 'queries' ? cfg.trpcQueriesPerMin : cfg.trpcMutationsPerMin;
  const { ip } = trustedRequestFacts((name) => req.headers.get(name));
  const key = `trpc:${type}:${user ? `user:${user.id}` : `ip:${clientKey(ip)}`}`;
  const limiter = getSharedLimiter();
  const hits = await Promise.all(
    Array.from({ length: Math.min(calls, MAX_BATCH_SIZE) }, () => limiter.hit(key, limit, 60_000)),
  );
  const refused = hits.find((h) => !h.allowed);
  if (!refused) return null;
  const retryAfter = Math.max(1, Math.ceil((refused.resetAt.getTime() - Date.now()) / 1000));
  void getSharedRefusalLog().record({
    key,
    rule: `trpc ${type} per ${user ? 'user' : 'ip'}`,
    limit,
    windowMs: 60_000,
    ip,
    path: url.pathname.slice(0, 200),
    requestId,
  });
  return refuse(
    429,
    `Too many requests: the limit is ${limit} ${type} per minute. Retry in ${retryAfter} s.`,
    requestId,
    { 'retry-after': String(retryAfter) },
  );
}

/** `app/api/trpc/[trpc]/route.ts`: `export { trpcHandler as GET, trpcHandler as POST }`. */
export async function trpcHandler(req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  const refused = checkMutation(req, requestId);
  if (refused) return refused;
  let user: SessionUser | null;
  try {
    user = await getSessionUser();
    const limited = await checkRate(req, user, requestId);
    if (limited) return limited;
  } catch (err) {
    // The session or the rate limit could not reach the database (restart, failover): ask to retry.
    if (!isDatabaseUnavailable(err)) throw err;
    return refuse(503, UNAVAILABLE_DETAIL, requestId, { 'retry-after': String(DATABASE_RETRY_AFTER_S) });
  }
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: async () =>
      createContext({
        db: getDb(),
        user,
        requestId,
        events: getLevqorEngine().client,
        headers: req.headers,
      }),
  });
  response.headers.set('x-request-id', requestId);
  return response;
}
