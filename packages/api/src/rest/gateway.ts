import type {
  ApiAuthGuard,
  ApiKeyPrincipal,
  ApiKeyVerifier,
  EventSender,
  RateLimiter,
  RequestLog,
} from '@levqor/core';
import { storableJsonProblem } from '@levqor/core';
import type { Database } from '@levqor/db';
import { presentedKey } from './api-key-header';
import { type Problem, problem, unauthorized } from './problem';

export const MAX_BODY_BYTES = 512 * 1024;
export const API_PREFIX = '/api/v1';

export interface RestDeps {
  db: Database;
  events: EventSender;
  verifier: ApiKeyVerifier;
  limiter: RateLimiter;
  /** Refuses an IP's attempts without a valid key after too many invalid keys. */
  authGuard: ApiAuthGuard;
  requestLog?: RequestLog;
}

export type Refusal = { status: number; headers: Record<string, string>; body: Problem };
export type Admission = { principal: ApiKeyPrincipal; headers: Record<string, string> };

/**
 * API key → principal, then the key's rate limit. Refusals are problem+json. An IP blocked for too many
 * invalid keys is refused only for attempts without a valid key: a valid key from it still works (a
 * shared address — an office, a NAT — must not lock its legitimate clients out).
 */
export async function admit(
  deps: RestDeps,
  get: (name: string) => string | null | undefined,
  requestId: string,
  client: { ip: string; path: string },
): Promise<Refusal | Admission> {
  const key = presentedKey(get);
  const principal = key ? await deps.verifier.verify(key) : null;
  if (!principal) {
    const blocked = await deps.authGuard.blockedUntil(client.ip);
    if (blocked) {
      const retryAfter = Math.max(1, Math.ceil((blocked.getTime() - Date.now()) / 1000));
      return {
        status: 429,
        headers: { 'retry-after': String(retryAfter) },
        body: problem(
          'too-many-invalid-keys',
          `Too many invalid API keys from your address; requests without a valid key are refused for ${Math.ceil(retryAfter / 60)} more minute(s).`,
          requestId,
        ),
      };
    }
    if (key) await deps.authGuard.recordInvalid(client.ip, { requestId, path: client.path });
    return {
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="levqor"' },
      body: unauthorized(requestId),
    };
  }
  const rl = await deps.limiter.hit(`api-key:${principal.keyId}`, principal.rateLimitPerMin, 60_000);
  const headers: Record<string, string> = {
    'x-ratelimit-limit': String(rl.limit),
    'x-ratelimit-remaining': String(rl.remaining),
    'x-ratelimit-reset': String(Math.ceil(rl.resetAt.getTime() / 1000)),
  };
  if (!rl.allowed) {
    const retryAfter = Math.max(1, Math.ceil((rl.resetAt.getTime() - Date.now()) / 1000));
    return {
      status: 429,
      headers: { ...headers, 'retry-after': String(retryAfter) },
      body: problem(
        'rate-limited',
        `Rate limit of ${rl.limit} requests per minute exceeded for this API key; retry in ${retryAfter} s.`,
        requestId,
      ),
    };
  }
  return { principal, headers };
}

/** Whether a request carries content (a non-zero Content-Length, or a chunked body). */
export function hasRequestBody(header: (name: string) => string | null | undefined): boolean {
  return Number(header('content-length') ?? 0) > 0 || !!header('transfer-encoding');
}

/**
 * JSON-only API: content sent with POST, PUT or PATCH needs `Content-Type: application/json`. A request
 * without content (`POST /jobs/{id}/cancel` as `curl -X POST` sends it) needs none.
 */
export function checkContentType(
  method: string,
  header: (name: string) => string | null | undefined,
  requestId: string,
): Refusal | null {
  if (!['POST', 'PUT', 'PATCH'].includes(method) || !hasRequestBody(header)) return null;
  const contentType = header('content-type');
  if (contentType && /^application\/json\s*(;|$)/i.test(contentType)) return null;
  return {
    status: 415,
    headers: {},
    body: problem(
      'unsupported-media-type',
      contentType
        ? `Content-Type "${contentType}" is not supported; send application/json.`
        : 'Missing Content-Type: send application/json.',
      requestId,
    ),
  };
}

/** Deepest nesting of a request body (job payloads themselves are limited to JSON_MAX_DEPTH). */
export const MAX_BODY_DEPTH = 100;

/**
 * Parses a JSON body (empty = `{}`); refusals for invalid JSON and for JSON that could not be
 * stored or serialised: nesting deeper than MAX_BODY_DEPTH, NUL characters, unpaired surrogates.
 */
export function parseJsonBody(raw: string, requestId: string): { value: unknown } | Refusal {
  if (raw.trim() === '') return { value: {} };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {
      status: 400,
      headers: {},
      body: problem('invalid-json', 'The request body is not valid JSON.', requestId),
    };
  }
  const bad = storableJsonProblem(value, MAX_BODY_DEPTH);
  if (bad) {
    const path = bad.path.join('.') || '(body)';
    return {
      status: 400,
      headers: {},
      body: problem('validation', `Invalid request: ${path} ${bad.message}.`, requestId, [
        { path, message: bad.message },
      ]),
    };
  }
  return { value };
}

export const tooLarge = (requestId: string): Refusal => ({
  status: 413,
  headers: {},
  body: problem('payload-too-large', `The request body exceeds ${MAX_BODY_BYTES / 1024} KB.`, requestId),
});

/** 202 + Location for job creation (submit, intake, rerun, replay); 201 for a new workflow; 200 otherwise. */
export function successMeta(
  procedurePath: string | undefined,
  data: unknown,
): { status: number; headers: Record<string, string> } {
  const body = data as { id?: string; job_id?: string } | undefined;
  if (
    procedurePath === 'jobs.submit' ||
    procedurePath === 'jobs.rerun' ||
    procedurePath === 'jobs.replay' ||
    procedurePath === 'legacy.intake'
  ) {
    const id = body?.id ?? body?.job_id;
    return { status: 202, headers: id ? { location: `${API_PREFIX}/jobs/${id}` } : {} };
  }
  if (procedurePath === 'workflows.create' && body?.id)
    return { status: 201, headers: { location: `${API_PREFIX}/workflows/${body.id}` } };
  return { status: 200, headers: {} };
}
