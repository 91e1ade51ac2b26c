import { appRouter, createContext } from '@levqor/api';
import { getDb } from '@levqor/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getLevqorEngine } from './engine';
import { requestIdFrom } from './request-id';
import { getSessionUser } from './session-user';

const MAX_BODY_BYTES = 512 * 1024;

function refuse(status: number, message: string, requestId: string): Response {
  return Response.json(
    { error: { message, code: status, requestId } },
    { status, headers: { 'x-request-id': requestId } },
  );
}

/**
 * Mutations (POST) must come from this origin, as JSON, within 512 KB: a cross-site form or fetch
 * cannot act with the user's session cookie.
 */
function checkMutation(req: Request, requestId: string): Response | null {
  if (req.method !== 'POST') return null;
  const origin = req.headers.get('origin');
  const site = req.headers.get('sec-fetch-site');
  const own = new URL(req.url).origin;
  const host = req.headers.get('host');
  const sameOrigin = origin
    ? origin === own || (host !== null && new URL(origin).host === host)
    : site === 'same-origin';
  if (!sameOrigin) return refuse(403, 'Cross-origin requests are not allowed', requestId);
  if (!/^application\/json\s*(;|$)/i.test(req.headers.get('content-type') ?? ''))
    return refuse(415, 'Send JSON (Content-Type: application/json)', requestId);
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES)
    return refuse(413, 'Request body over 512 KB', requestId);
  return null;
}

/** `app/api/trpc/[trpc]/route.ts`: `export { trpcHandler as GET, trpcHandler as POST }`. */
export async function trpcHandler(req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  const refused = checkMutation(req, requestId);
  if (refused) return refused;
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () =>
      createContext({
        db: getDb(),
        user: await getSessionUser(),
        requestId,
        events: getLevqorEngine().client,
        headers: req.headers,
      }),
  });
  response.headers.set('x-request-id', requestId);
  return response;
}
