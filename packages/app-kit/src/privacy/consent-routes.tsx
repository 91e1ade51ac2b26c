import {
  CONSENT_COOKIE,
  CONSENT_COOKIE_MAX_AGE_S,
  createObjection,
  formatConsentCookie,
  parseConsentCookie,
  recordAnalyticsEvent,
  recordCookieConsent,
  ZAnalyticsEvent,
  ZCookieChoice,
} from '@levqor/core';
import { getDb } from '@levqor/db';
import { getSessionUser } from '../session-user';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });

function cookieOf(req: Request, name: string): string | null {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

const sameOrigin = (req: Request) => {
  const origin = req.headers.get('origin');
  return !origin || origin === new URL(req.url).origin;
};

/**
 * `POST /api/consent` `{ analytics, marketing }`: stores the choice in the first-party cookie (set by the
 * server, so JavaScript-free withdrawal works the same) and, for a signed-in user, as a consent record.
 */
export async function consentHandler(req: Request): Promise<Response> {
  if (!sameOrigin(req)) return json(403, { error: 'Cross-site request refused' });
  const parsed = ZCookieChoice.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return json(400, { error: 'Send { "analytics": boolean, "marketing": boolean }' });
  const user = await getSessionUser();
  if (user)
    await recordCookieConsent(getDb(), {
      userId: user.id,
      choice: parsed.data,
      source: process.env.LEVQOR_APP ?? 'web',
      ip: req.headers.get('x-levqor-client-ip'),
      userAgent: req.headers.get('user-agent'),
    });
  const secure = new URL(req.url).protocol === 'https:' ? '; Secure' : '';
  return json(
    200,
    { ...parsed.data, recorded: Boolean(user) },
    {
      'set-cookie': `${CONSENT_COOKIE}=${formatConsentCookie(parsed.data)}; Path=/; Max-Age=${CONSENT_COOKIE_MAX_AGE_S}; SameSite=Lax${secure}`,
    },
  );
}

/**
 * `POST /api/analytics` `{ name, path?, properties? }`: first-party analytics, enforced here on the server —
 * stored only when the request's consent cookie grants analytics and the signed-in user has not objected.
 */
export async function analyticsHandler(
  req: Request,
  deps: { sessionUser?: () => Promise<{ id: string } | null> } = {},
): Promise<Response> {
  const sessionUser = deps.sessionUser ?? getSessionUser;
  if (!sameOrigin(req)) return json(403, { error: 'Cross-site request refused' });
  const consent = parseConsentCookie(cookieOf(req, CONSENT_COOKIE));
  if (!consent?.analytics) return json(202, { recorded: false, reason: 'no-consent' });
  // Global Privacy Control: an objection by automated means. Nothing is recorded, and a signed-in
  // user's objection to analytics is kept (once; withdrawable in Settings → Privacy).
  if (req.headers.get('sec-gpc') === '1') {
    const user = await sessionUser();
    if (user)
      await createObjection(getDb(), {
        userId: user.id,
        actor: user.id,
        source: 'header',
        input: { purpose: 'analytics', reason: 'Sec-GPC: 1' },
      });
    return json(202, { recorded: false, reason: 'objection' });
  }
  const event = ZAnalyticsEvent.safeParse(await req.json().catch(() => null));
  if (!event.success) return json(400, { error: event.error.issues[0]?.message ?? 'Invalid event' });
  const user = await sessionUser();
  const result = await recordAnalyticsEvent(getDb(), {
    app: process.env.LEVQOR_APP ?? 'web',
    consent,
    userId: user?.id ?? null,
    event: event.data,
  });
  return json(202, result);
}
