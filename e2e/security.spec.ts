import { expect, test } from '@playwright/test';
import { signInViaMailbox } from './mailbox';
import { rawRequest } from './support/raw-http';
import { startSecondWebServer } from './support/second-web-server';
import { ADMIN_URL, DEVELOPERS_URL, MAILBOX_URL, WEB_URL } from './urls';

// Lockout abuse, spelled paths, unbounded input, the mailbox and sessions: attack-*.spec.ts.

const WEB = 'http://127.0.0.1:3000';
const fresh = (label: string) =>
  `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.levqor.local`;

test.describe('attack suite', () => {
  test('security headers on pages and API responses of all three apps', async () => {
    for (const url of [`${WEB_URL}/`, `${WEB_URL}/sign-in`, `${ADMIN_URL}/sign-in`, `${DEVELOPERS_URL}/`]) {
      const res = await rawRequest(url.replace('localhost', '127.0.0.1'));
      const h = res.headers;
      expect(String(h['content-security-policy']), url).toMatch(
        /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
      );
      expect(String(h['content-security-policy'])).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(String(h['content-security-policy'])).toContain("frame-ancestors 'none'");
      const nonce = /'nonce-([^']+)'/.exec(String(h['content-security-policy']))![1]!;
      expect(res.body).toContain(`nonce="${nonce}"`);
      expect(h).toMatchObject({
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
        'cross-origin-resource-policy': 'same-origin',
        'referrer-policy': 'strict-origin-when-cross-origin',
      });
      expect(String(h['permissions-policy'])).toContain('camera=()');
    }
    for (const url of [
      `${WEB}/api/health`,
      'http://127.0.0.1:3002/api/v1/openapi.json',
      'http://127.0.0.1:3002/api/v1/jobs',
    ]) {
      const res = await rawRequest(url, { headers: { 'x-request-id': 'attack-suite-1' } });
      expect(res.headers['x-request-id'], url).toBe('attack-suite-1');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    const preflight = await rawRequest('http://127.0.0.1:3002/api/v1/jobs', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('Chromium reports no CSP violation on the main pages', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Refused to load (CSP): ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await signInViaMailbox(page, fresh('csp'));
    for (const path of [
      '/dashboard',
      '/dashboard/workflows',
      '/dashboard/jobs',
      '/dashboard/usage',
      '/dashboard/settings',
      '/',
      '/sign-in',
    ]) {
      await page.goto(`${WEB_URL}${path}`);
      await page.waitForLoadState('networkidle');
    }
    for (const url of [`${ADMIN_URL}/sign-in`, `${DEVELOPERS_URL}/`, MAILBOX_URL]) {
      await page.goto(url);
      await page.waitForLoadState('networkidle');
    }
    expect(violations).toEqual([]);
  });

  test('the per-IP limit on sign-in requests is shared by two app processes, and 429 carries Retry-After', async () => {
    const second = await startSecondWebServer(3010);
    try {
      const from = '127.0.0.7';
      const statuses: number[] = [];
      let limited = null;
      for (let i = 0; i < 24 && !limited; i++) {
        const base = i % 2 === 0 ? WEB : second.url;
        const res = await rawRequest(`${base}/api/auth/signin/email`, {
          method: 'POST',
          from,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'email=x@y.z',
        });
        statuses.push(res.status);
        if (res.status === 429) limited = res;
      }
      expect(statuses.slice(0, 20).every((s) => s !== 429)).toBe(true);
      expect(statuses[20]).toBe(429);
      expect(Number(limited!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited!.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(limited!.body)).toMatchObject({
        status: 429,
        type: 'https://levqor.dev/problems/rate-limited',
      });
    } finally {
      await second.stop();
    }
  });

  test('a spoofed X-Forwarded-For buys no extra requests', async () => {
    const from = '127.0.0.8';
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await rawRequest(`${WEB}/api/auth/signin/email`, {
        method: 'POST',
        from,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': `203.0.113.${i}, 198.51.100.${i}`,
          'x-levqor-client-ip': `10.0.0.${i}`,
        },
        body: 'email=x@y.z',
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBe(2);
    expect(statuses.indexOf(429)).toBe(20);
  });

  test('tRPC mutations refuse cross-origin and non-JSON requests', async () => {
    const crossSite = await rawRequest(`${WEB}/api/trpc/workspace.rename`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ json: { name: 'pwned' } }),
    });
    expect(crossSite.status).toBe(403);
    const form = await rawRequest(`${WEB}/api/trpc/workspace.rename`, {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:3000', 'content-type': 'text/plain' },
      body: JSON.stringify({ json: { name: 'pwned' } }),
    });
    expect(form.status).toBe(415);
  });
});
