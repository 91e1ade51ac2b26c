import { expect, test } from '@playwright/test';
import { fresh, WEB } from './support/attack';
import { csrfFor, type RawResponse, rawRequest } from './support/raw-http';
import { startWebProcess } from './support/second-web-server';

/**
 * Issue E 3: limits matched the raw URL while Next routed the decoded, normalised one. The app server
 * now canonicalises once, before any rule, and refuses paths that do not survive; the auth handler
 * enforces the sign-in limits itself as well.
 */

/** Spellings Next (or any decoder) resolves to the sign-in endpoint: each must count like the plain one. */
const SAME_ENDPOINT = [
  '/api/auth/signin/email',
  '/api/auth/%73ignin/email',
  '/api/auth/%73%69%67%6E%69%6E/email',
  '/api/health/../auth/signin/email',
  '/api/health/%2e%2e/auth/signin/email',
  '/api/health/%2E%2e/auth/signin/email',
  '/_next/../api/auth/signin/email',
  '/_next/static/%2e%2e/%2e%2e/api/auth/signin/email',
  '//api//auth///signin/email',
  '/api/auth/./signin/email',
  '/api/auth/%2e/signin/email',
];
/** Other case: counted too (rules compare case-insensitively), whatever Next then makes of them. */
const OTHER_CASE = ['/api/auth/SIGNIN/email', '/API/AUTH/SIGNIN/EMAIL', '/api/auth/Signin/Email/'];
/** Spellings that do not survive canonicalisation: 400 before any rule or handler. */
const REFUSED = [
  '/api/auth%2fsignin/email',
  '/api/auth%2Fsignin%2Femail',
  '/api/auth/signin./email',
  '/api/auth/signin%2e/email',
  '/api/auth/signin/email.',
  '/api/auth/%2573ignin/email',
  '/api/auth/signin%5cemail',
  '/api/auth/signin/email%00',
  '/%2e%2e/api/auth/signin/email',
  '/api/auth/%zzsignin/email',
];

async function requestLink(base: string, path: string, from: string, headers: Record<string, string> = {}) {
  const { token, cookie } = await csrfFor(base, from);
  return rawRequest(`${base}${path}`, {
    method: 'POST',
    from,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
    body: new URLSearchParams({ email: fresh('path'), csrfToken: token, json: 'true' }).toString(),
  });
}

const linkSent = (res: RawResponse) =>
  res.status === 200 && String(JSON.parse(res.body).url).includes('/verify-request');

test.describe('attack: spelling a path differently', () => {
  test('every spelling of the sign-in endpoint counts against the same per-address limit', async () => {
    const from = '127.0.0.44';
    // 20 link requests (the per-address limit) spread over the spellings: each reaches the endpoint.
    for (let i = 0; i < 20; i++) {
      const path = SAME_ENDPOINT[i % SAME_ENDPOINT.length]!;
      const res = await requestLink(WEB, path, from);
      expect(linkSent(res), `${path}: ${res.status} ${res.body}`).toBe(true);
    }
    // The limit is spent: no spelling gets another link — 429 if it would reach it, 400 if refused.
    for (const path of [...SAME_ENDPOINT, ...OTHER_CASE]) {
      const res = await requestLink(WEB, path, from);
      expect(res.status, path).toBe(429);
    }
    for (const path of REFUSED) {
      const res = await rawRequest(`${WEB}${path}`, { method: 'POST', from });
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({
        status: 400,
        type: 'https://levqor.dev/problems/invalid-path',
      });
      expect(JSON.parse(res.body).detail).toMatch(/^Invalid request path: /);
    }
  });

  test('paths that do not survive canonicalisation are refused everywhere, with the reason', async () => {
    const cases: [string, string][] = [
      ['/dashboard%2fsettings', 'encoded "/"'],
      ['/dashboard/settings.', 'ends with a dot'],
      ['/dashboard/%252e%252e/settings', 'percent-encoded twice'],
      ['/../dashboard', 'above the root'],
      ['/sign-in%00', 'control characters'],
    ];
    for (const [path, reason] of cases) {
      for (const base of [WEB, 'http://127.0.0.1:3001', 'http://127.0.0.1:3002']) {
        const res = await rawRequest(`${base}${path}`);
        expect(res.status, `${base}${path}`).toBe(400);
        expect(JSON.parse(res.body).detail).toContain(reason);
      }
    }
  });

  test('a URL past 8 KB (counted percent-encoded) is refused with 414 problem+json on every app, up to 64 KB without a reset', async () => {
    // Found by the fuzz (seed 956590): a 30 KB query was reset by Node's parser, and a long one echoed
    // into a redirect overflowed the client's header limit.
    const nested = encodeURIComponent(`{"json":${'['.repeat(5_000)}${']'.repeat(5_000)}}`);
    for (const base of [WEB, 'http://127.0.0.1:3001', 'http://127.0.0.1:3002'])
      for (const url of [
        `${base}/api/auth/signin/email?email=${'a'.repeat(9_000)}`,
        `${base}/api/trpc/me.get?input=${nested}`,
        // 6,000 raw characters, 18,000 once a trailing-slash redirect percent-encodes them (seed 718492).
        `${base}/api/auth/?email=${'['.repeat(3_000)}${']'.repeat(3_000)}`,
      ]) {
        const res = await rawRequest(url, { method: 'POST' });
        expect(res.status, `${url.slice(0, 60)}… (${url.length} chars)`).toBe(414);
        expect(JSON.parse(res.body)).toMatchObject({ type: 'https://levqor.dev/problems/uri-too-long' });
      }
    expect((await rawRequest(`${WEB}/api/health`)).status).toBe(200);
  });

  test('assets are recognised on the canonical path only: /_next/../sign-in is the sign-in page, with its headers', async () => {
    for (const path of ['/_next/../sign-in', '/_next/static/%2e%2e/%2e%2e/sign-in', '//sign-in']) {
      const res = await rawRequest(`${WEB}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.body).toContain('Email me a sign-in link');
      expect(String(res.headers['content-security-policy']), path).toMatch(/'nonce-[^']+'/);
      expect(res.headers['cross-origin-embedder-policy']).toBe('require-corp');
    }
  });

  test('a protected area’s per-address limit counts its pages however they are spelled; anonymous writes are bounded too', async () => {
    // Its own dashboard server with the default limit (60 a minute): the suite's instance raises it,
    // since every spec reaches it from 127.0.0.1.
    const web = await startWebProcess(3019, {
      env: { LEVQOR_RL_PROTECTED_PER_IP: '60', LEVQOR_RL_PUBLIC_WRITES_PER_IP: '120' },
    });
    try {
      const from = '127.0.0.45';
      const statuses: number[] = [];
      for (let i = 0; i < 62; i++) {
        const path = ['/legal', '/_next/../legal', '/%6cegal', '//legal'][i % 4]!;
        statuses.push((await rawRequest(`${web.url}${path}`, { from })).status);
      }
      expect(statuses.slice(0, 60).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(60)).toEqual([429, 429]);

      // Anonymous writes (consent, analytics, unsubscribe) are bounded per address, and so are their bodies.
      const writes: number[] = [];
      const choice = JSON.stringify({ analytics: false, marketing: false });
      for (let i = 0; i < 122; i++) {
        const path = ['/api/consent', '/api/%63onsent', '/api/./consent'][i % 3]!;
        writes.push(
          (
            await rawRequest(`${web.url}${path}`, {
              method: 'POST',
              from: '127.0.0.47',
              headers: { 'content-type': 'application/json' },
              body: choice,
            })
          ).status,
        );
      }
      expect(writes.slice(0, 120)).toEqual(Array(120).fill(200));
      expect(writes.slice(120)).toEqual([429, 429]);
      const big = await rawRequest(`${web.url}/api/analytics`, {
        method: 'POST',
        from: '127.0.0.48',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'page_view', properties: { pad: 'x'.repeat(20_000) } }),
      });
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body)).toMatchObject({ type: expect.stringMatching(/payload-too-large$/) });
    } finally {
      await web.stop();
    }
  });

  test('the auth handler enforces the sign-in limits itself: without the app server (plain next start) the 21st link request is refused', async () => {
    const direct = await startWebProcess(3012, { direct: true });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        // Headers claiming the app server already counted this request are not believed without it.
        statuses.push(
          (
            await requestLink(direct.url, '/api/auth/signin/email', '127.0.0.46', {
              'x-levqor-counted': 'signin-link',
              'x-levqor-proof': 'guess',
              'x-levqor-client-ip': `10.9.8.${i}`,
            })
          ).status,
        );
      }
      expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
      expect(statuses[20]).toBe(429);
    } finally {
      await direct.stop();
    }
  });
});
