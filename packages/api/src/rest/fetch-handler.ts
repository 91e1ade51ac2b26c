import { createOpenApiFetchHandler } from 'trpc-to-openapi';
import { createContext } from '../context';
import { appRouter } from '../root';
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
import { PROBLEM_CONTENT_TYPE, problemFromTrpc } from './problem';
import { requestIdOf } from './request-id';

function refusal(r: Refusal, requestId: string): Response {
  return Response.json(r.body, {
    status: r.status,
    headers: { ...r.headers, 'content-type': PROBLEM_CONTENT_TYPE, 'x-request-id': requestId },
  });
}

/**
 * The same REST API as a fetch handler, for a Next route at `app/api/v1/[...path]/route.ts` where no
 * custom server is possible (serverless). Slower than the node:http mount; identical behaviour.
 */
export function createRestFetchHandler(getDeps: () => Promise<RestDeps>, opts: { origin: string }) {
  return async function handle(req: Request): Promise<Response> {
    const deps = await getDeps();
    const requestId = requestIdOf(req.headers.get('x-request-id'));
    const url = new URL(req.url);
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    if (req.method === 'GET' && path === '/openapi.json') {
      return Response.json(openApiDocument(opts.origin), { headers: { 'x-request-id': requestId } });
    }
    const ip = req.headers.get('x-levqor-client-ip') ?? 'unknown';
    const admission = await admit(deps, (name) => req.headers.get(name), requestId, { ip, path });
    if ('status' in admission) return refusal(admission, requestId);
    const typeRefusal = checkContentType(req.method, (name) => req.headers.get(name), requestId);
    if (typeRefusal) return refusal(typeRefusal, requestId);
    let body: string | undefined;
    if (['POST', 'PUT', 'PATCH'].includes(req.method)) {
      body = await req.text();
      if (Buffer.byteLength(body) > MAX_BODY_BYTES) return refusal(tooLarge(requestId), requestId);
      const parsed = parseJsonBody(body, requestId);
      if ('status' in parsed) return refusal(parsed, requestId);
      body = JSON.stringify(parsed.value);
    }
    const headers = new Headers();
    const idem = req.headers.get('idempotency-key');
    if (idem) headers.set('idempotency-key', idem);
    const ctx = createContext({
      db: deps.db,
      user: null,
      apiKey: admission.principal,
      requestId,
      events: deps.events,
      headers,
    });
    const forwarded = new Request(url, {
      method: req.method,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const res = await createOpenApiFetchHandler({
      endpoint: API_PREFIX,
      req: forwarded,
      router: appRouter,
      createContext: () => ctx,
      responseMeta: ({ paths, data, errors }) => (errors.length > 0 ? {} : successMeta(paths?.[0], data[0])),
    });
    const out = new Headers(res.headers);
    for (const [k, v] of Object.entries({ ...admission.headers, 'x-request-id': requestId })) out.set(k, v);
    if (res.status < 400) return new Response(res.body, { status: res.status, headers: out });
    const text = await res.text();
    let parsed = {};
    try {
      parsed = JSON.parse(text);
    } catch {
      // generic detail
    }
    out.set('content-type', PROBLEM_CONTENT_TYPE);
    return new Response(JSON.stringify(problemFromTrpc(res.status, parsed, requestId)), {
      status: res.status,
      headers: out,
    });
  };
}
