import { DomainError, unsubscribeMarketing } from '@levqor/core';
import { getDb } from '@levqor/db';

/**
 * `POST /api/marketing/unsubscribe?token=…`: RFC 8058 one-click unsubscribe. Mail clients POST
 * `List-Unsubscribe=One-Click` with no cookies; the signed token is the only credential and the answer
 * is the same for every valid token (no account lookup is exposed). The /unsubscribe page's form posts
 * here too (token in the body) and is sent back to the page.
 */
export async function unsubscribeHandler(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const form = await req.formData().catch(() => null);
  const token = url.searchParams.get('token') ?? String(form?.get('token') ?? '');
  const fromPage = form?.get('from') === 'page';
  try {
    await unsubscribeMarketing(getDb(), {
      token,
      ctx: {
        source: fromPage ? 'unsubscribe-page' : 'one-click',
        ip: req.headers.get('x-levqor-client-ip'),
        userAgent: req.headers.get('user-agent'),
      },
    });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (fromPage) return Response.redirect(new URL('/unsubscribe?error=invalid', req.url), 303);
    return new Response(err.message, {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  if (fromPage) return Response.redirect(new URL('/unsubscribe?done=1', req.url), 303);
  return new Response('You are unsubscribed from Levqor marketing email.', {
    status: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
