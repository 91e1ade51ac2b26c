import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { confirmMarketing, subscribeMarketing, unsubscribeUrl } from '@levqor/core';
import { desc, devMail, eq, marketingSubscriptions } from '@levqor/db';
import { testDb, uniqueEmail } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsHandler } from './consent-routes';
import { unsubscribeHandler } from './unsubscribe-route';

// The route handler on a real node:http server (Request/Response bridged as Next does), no session at all.
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const handler = req.url?.startsWith('/api/analytics')
    ? (r: Request) => analyticsHandler(r, { sessionUser: async () => null })
    : unsubscribeHandler;
  const response = await handler(
    new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers,
      body: Buffer.concat(chunks),
    }),
  );
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

describe('POST /api/marketing/unsubscribe (RFC 8058 one-click)', () => {
  it('unsubscribes in one POST with no session; a forged token gets 400 and changes nothing', async () => {
    const db = testDb();
    const email = uniqueEmail('oneclick');
    await subscribeMarketing(db, { email, userId: null, ctx: { source: 'test' } });
    const [mail] = await db
      .select()
      .from(devMail)
      .where(eq(devMail.to, email))
      .orderBy(desc(devMail.createdAt));
    await confirmMarketing(db, {
      token: /token=([A-Za-z0-9]+)/.exec(mail!.text)![1]!,
      ctx: { source: 'test' },
    });

    const target = new URL(unsubscribeUrl(email));
    const forged = await fetch(`${base}${target.pathname}?token=${target.searchParams.get('token')}AA`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(forged.status).toBe(400);
    const status = async () =>
      (await db.select().from(marketingSubscriptions).where(eq(marketingSubscriptions.email, email)))[0]!
        .status;
    expect(await status()).toBe('subscribed');

    const res = await fetch(`${base}${target.pathname}${target.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('unsubscribed');
    expect(await status()).toBe('unsubscribed');
    // An address that never subscribed answers the same: nothing about accounts leaks.
    const stranger = new URL(unsubscribeUrl(uniqueEmail('never')));
    const same = await fetch(`${base}${stranger.pathname}${stranger.search}`, { method: 'POST', body: '' });
    expect(same.status).toBe(200);
  });
});

describe('POST /api/analytics (server-side consent enforcement)', () => {
  it('stores nothing without the analytics cookie, nor with analytics rejected', async () => {
    for (const cookie of [undefined, 'levqor_consent=v1.a0.m1']) {
      const res = await fetch(`${base}/api/analytics`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ name: 'page_view', path: '/' }),
      });
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ recorded: false, reason: 'no-consent' });
    }
    const gpc = await fetch(`${base}/api/analytics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'levqor_consent=v1.a1.m0', 'sec-gpc': '1' },
      body: JSON.stringify({ name: 'page_view', path: '/' }),
    });
    expect(await gpc.json()).toEqual({ recorded: false, reason: 'objection' });
    const cross = await fetch(`${base}/api/analytics`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', cookie: 'levqor_consent=v1.a1.m1' },
      body: '{}',
    });
    expect(cross.status).toBe(403);
  });
});
