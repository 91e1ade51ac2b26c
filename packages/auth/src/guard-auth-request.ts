import { createHash } from 'node:crypto';
import type { TrustedRequestFacts } from '@levqor/config/app-server-proof';
import {
  checkLinkRequest,
  countFailedLink,
  createRefusalLog,
  PROBLEM_TYPE_BASE,
  postgresRateLimiter,
  type RateLimiter,
  type RefusalLog,
  type SignInRefusal,
} from '@levqor/core';
import { type Database, getDb } from '@levqor/db';
import { authCookies, currentApp } from './app-identity';
import { isHttpUrl, withoutBadCallbackCookie } from './callback-cookie';
import { MAX_AUTH_BODY_BYTES } from './limits';
import { isLiveVerificationToken } from './live-verification-token';

const MAX_EMAIL = 320;
const MAX_TOKEN = 256;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

interface GuardDeps {
  db: Database;
  limiter: RateLimiter;
  refusals: RefusalLog;
  secret: string | undefined;
}

let deps: GuardDeps | undefined;
function guardDeps(): GuardDeps {
  if (!deps) {
    const db = getDb();
    deps = {
      db,
      limiter: postgresRateLimiter(db),
      refusals: createRefusalLog(db),
      secret: process.env.NEXTAUTH_SECRET,
    };
  }
  return deps;
}

/** The refusals of the sign-in guard, with the same problem types as the REST API (problem-types.ts). */
const REASONS = {
  validation: { status: 400, title: 'Invalid request' },
  'invalid-json': { status: 400, title: 'Invalid JSON' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'rate-limited': { status: 429, title: 'Rate limited' },
} as const;

function problem(
  reason: keyof typeof REASONS,
  detail: string,
  requestId: string | null,
  extra: { headers?: Record<string, string>; body?: Record<string, unknown> } = {},
): Response {
  const { status, title } = REASONS[reason];
  return new Response(
    JSON.stringify({
      type: `${PROBLEM_TYPE_BASE}${reason}`,
      title,
      status,
      detail,
      request_id: requestId,
      ...extra.body,
    }),
    {
      status,
      headers: {
        'content-type': 'application/problem+json',
        ...(requestId ? { 'x-request-id': requestId } : {}),
        ...extra.headers,
      },
    },
  );
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return part.slice(eq + 1).trim();
      }
    }
  }
  return undefined;
}

type Body = Record<string, string>;

/**
 * next-auth's double-submit CSRF check (cookie `token|sha256(token + secret)`, body `csrfToken`), done
 * here so that only real link requests count against an email's limits; next-auth checks it again.
 */
function csrfValid(
  cookie: string | undefined,
  submitted: string | undefined,
  secret: string | undefined,
): boolean {
  if (!cookie || !submitted || !secret) return false;
  const [token, hash] = cookie.split('|');
  return token === submitted && hash === createHash('sha256').update(`${token}${secret}`).digest('hex');
}

/** The POST body as next-auth will read it; a refusal when it is too large or not flat string fields. */
async function readBody(req: Request, requestId: string | null): Promise<Body | Response> {
  if (req.method !== 'POST') return {};
  if (Number(req.headers.get('content-length') ?? 0) > MAX_AUTH_BODY_BYTES)
    return problem(
      'payload-too-large',
      `The request body exceeds ${MAX_AUTH_BODY_BYTES / 1024} KB.`,
      requestId,
    );
  const text = await req.clone().text();
  if (Buffer.byteLength(text) > MAX_AUTH_BODY_BYTES)
    return problem(
      'payload-too-large',
      `The request body exceeds ${MAX_AUTH_BODY_BYTES / 1024} KB.`,
      requestId,
    );
  const type = req.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return problem('invalid-json', 'The request body is not valid JSON.', requestId);
    }
    if (
      value === null ||
      typeof value !== 'object' ||
      Array.isArray(value) ||
      Object.values(value).some((v) => typeof v !== 'string')
    )
      return problem('validation', 'Send the sign-in fields as a flat object of strings.', requestId);
    return value as Body;
  }
  if (type.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  return {};
}

function tooMany(refusal: SignInRefusal, requestId: string | null, signInErrorUrl: string | null): Response {
  return problem('rate-limited', refusal.message, requestId, {
    headers: { 'retry-after': String(refusal.retryAfterS) },
    // next-auth's client reads `url` from a JSON answer; with it the sign-in form can say "too many".
    body: signInErrorUrl ? { url: signInErrorUrl } : {},
  });
}

/**
 * Checks an /api/auth request before next-auth sees it: inputs next-auth would answer with a 500 are
 * refused with a 400 naming the problem, and the sign-in limits are enforced here, inside the auth
 * handler, so that no spelling of a path or routing change can reach next-auth around them:
 *
 * - `POST signin/email` (a link request): per address (unless the app server counted it already), per
 *   email + address, and the global breaker for emails without an account (`checkLinkRequest`);
 * - `GET callback/email` (a link being used): a valid, unexpired link always passes; a wrong or expired
 *   one counts against the presenting address and address + email, and over either limit is refused
 *   with 429. Nothing is ever counted against the email alone.
 *
 * Returns the refusal, or null to let next-auth answer.
 */
export async function guardAuthRequest(
  req: Request,
  segments: string[],
  ctx: { facts: TrustedRequestFacts; requestId: string | null },
): Promise<Response | null> {
  const action = (segments[0] ?? '').toLowerCase();
  const provider = (segments[1] ?? '').toLowerCase();
  const url = new URL(req.url);
  const body = await readBody(req, ctx.requestId);
  if (body instanceof Response) return body;

  const callbackUrl = url.searchParams.get('callbackUrl') ?? body.callbackUrl;
  if (callbackUrl !== undefined && callbackUrl !== null && !isHttpUrl(callbackUrl))
    return problem('validation', 'callbackUrl must be a path on this site or an http(s) URL.', ctx.requestId);
  const names = authCookies(currentApp());
  const cookieName = names.callbackUrl!.name;
  const cookies = req.headers.get('cookie') ?? '';
  if (withoutBadCallbackCookie(cookies, cookieName) !== cookies)
    return problem(
      'validation',
      'The sign-in return address cookie is invalid; it has been cleared. Try again.',
      ctx.requestId,
      {
        headers: { 'set-cookie': `${cookieName}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax` },
      },
    );
  // next-auth copies `error` into a Location header as it is (non-ASCII there was a 500).
  const error = url.searchParams.get('error');
  if (error !== null && !/^[A-Za-z]{1,64}$/.test(error))
    return new Response(null, { status: 302, headers: { location: '/sign-in/error' } });

  const { ip } = ctx.facts;
  if (req.method === 'POST' && action === 'signin' && provider === 'email') {
    const email = (body.email ?? '').trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > MAX_EMAIL)
      return problem('validation', 'Enter a valid email address, like you@company.com.', ctx.requestId);
    const d = guardDeps();
    const real = csrfValid(
      cookieValue(req.headers.get('cookie'), names.csrfToken!.name),
      body.csrfToken,
      d.secret,
    );
    const refusal = await checkLinkRequest(d, {
      email,
      ip,
      ipAlreadyCounted: ctx.facts.counted.includes('signin-link'),
      // A request without a valid CSRF token sends nothing (next-auth refuses it): it counts per address only.
      addressOnly: !real,
    });
    if (!refusal) return null;
    void d.refusals.record({ ...refusal, ip, email, path: url.pathname, requestId: ctx.requestId });
    return tooMany(refusal, ctx.requestId, new URL('/sign-in/error?error=TooManyRequests', url).toString());
  }

  if (req.method === 'GET' && action === 'callback' && provider === 'email') {
    const email = url.searchParams.get('email') ?? '';
    const token = url.searchParams.get('token') ?? '';
    if (!email || !token || email.length > MAX_EMAIL || token.length > MAX_TOKEN)
      return new Response(null, { status: 302, headers: { location: '/sign-in/error?error=Verification' } });
    const d = guardDeps();
    // Without the secret the token cannot be checked here; next-auth refuses to run without one anyway.
    if (!d.secret || (await isLiveVerificationToken(d.db, { email, token, secret: d.secret }))) return null;
    const refusal = await countFailedLink(d, { email, ip });
    if (!refusal) return null;
    void d.refusals.record({ ...refusal, ip, email, path: url.pathname, requestId: ctx.requestId });
    return tooMany(refusal, ctx.requestId, null);
  }
  return null;
}
