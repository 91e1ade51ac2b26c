import { expect, test } from '@playwright/test';
import { fresh, keyedHash, WEB, withDb } from './support/attack';
import { csrfFor, rawRequest, signInRaw } from './support/raw-http';
import { type AppProcess, startWebProcess } from './support/second-web-server';

/**
 * Issue E 6 (limits): IPv6 clients are keyed per /64; rate-limit keys hold keyed hashes, never an
 * address; a refusal is counted into one security-log row per limit key and window; the global sign-in
 * cap is a breaker for new addresses only. Clients are presented through a trusted proxy hop
 * (LEVQOR_TRUSTED_PROXIES=1: the X-Forwarded-For entry next to the proxy is the client).
 */
test.describe.configure({ mode: 'serial' });

/** Behind one trusted proxy hop; `breaker` also has a global cap of 3 new addresses a minute. */
let proxied: AppProcess;
let breaker: AppProcess;
test.beforeAll(async () => {
  [proxied, breaker] = await Promise.all([
    startWebProcess(3014, { env: { LEVQOR_TRUSTED_PROXIES: '1' } }),
    startWebProcess(3015, { env: { LEVQOR_TRUSTED_PROXIES: '1', LEVQOR_RL_UNAUTH_GLOBAL: '3' } }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([proxied?.stop(), breaker?.stop()]);
});

/** A sign-in link request as `client` (an address behind the proxy), with a valid CSRF token. */
async function linkRequest(client: string, email = fresh('v6'), server = proxied) {
  const { token, cookie } = await csrfFor(server.url, '127.0.0.56');
  return rawRequest(`${server.url}/api/auth/signin/email`, {
    method: 'POST',
    from: '127.0.0.56',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': client },
    body: new URLSearchParams({ email, csrfToken: token, json: 'true' }).toString(),
  });
}

const run = (Date.now() % 0xfff0) + 1;
const hextet = 1 + Math.floor(Math.random() * 0xfff0);
/** This run's /64 (no leading zeros, as the server writes it), and its neighbour. */
const net = `2001:db8:${run.toString(16)}:${hextet.toString(16)}`;
const neighbour = `2001:db8:${run.toString(16)}:${(hextet + 1).toString(16)}`;
const subject = `${net}::/64`;

test('IPv6 clients are limited per /64: a fresh address in the same /64 buys nothing', async () => {
  for (let i = 1; i <= 20; i++) {
    const res = await linkRequest(`${net}::${i.toString(16)}`);
    expect(res.status, `request ${i}: ${res.body}`).toBe(200);
  }
  for (const other of [`${net}::ffff`, `${net}:1234:5678:9abc:def0`, `${net.toUpperCase()}:0:0:0:1`])
    expect((await linkRequest(other)).status, other).toBe(429);
  // Another /64 is another client.
  expect((await linkRequest(`${neighbour}::1`)).status).toBe(200);
});

test('rate-limit keys and the security log hold keyed hashes, never an address', async () => {
  const rows = await withDb(
    (sql) =>
      sql`select key from rate_limit_counters where key like ${'signin-link:ip:%'} or key like ${'%:ip:%'}`,
  );
  const keys = rows.map((r) => String(r.key));
  expect(keys).toContain(`signin-link:ip:${keyedHash(subject)}`);
  const leaked = await withDb(
    (sql) =>
      sql`select key from rate_limit_counters where key ~ ${'[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+'} or key ilike ${'%2001:db8%'} or key ilike ${'%::%'}`,
  );
  expect(leaked.map((r) => String(r.key))).toEqual([]);
  const logged = await withDb(
    (sql) => sql`select count(*)::int as n from security_events where metadata::text ilike ${'%2001:db8%'}`,
  );
  expect(logged[0]!.n).toBe(0);
});

test('each refusal is counted into one security-log row per limit key and window', async () => {
  const key = `signin-link:ip:${keyedHash(subject)}`;
  for (let i = 0; i < 7; i++) expect((await linkRequest(`${net}::a${i}`)).status).toBe(429);
  await expect
    .poll(async () => {
      const rows = await withDb(
        (sql) =>
          sql`select count, aggregate_key from security_events where type = 'rate_limited' and aggregate_key like ${`${key}@%`}`,
      );
      return { rows: rows.length <= 2, refusals: rows.reduce((n, r) => n + Number(r.count), 0) };
    })
    .toEqual({ rows: true, refusals: 10 }); // 3 refusals in the first test, 7 here
});

test('the global sign-in cap refuses only new addresses: an existing account still gets its link', async () => {
  const known = fresh('known');
  await signInRaw(WEB, known, '127.0.0.57');
  // New addresses from many clients until the breaker (3 per minute here, shared with every process) trips.
  let tripped = null;
  for (let i = 0; i < 8 && !tripped; i++) {
    const res = await linkRequest(
      `2001:db8:ffff:${((hextet + i) % 0xffff).toString(16)}::1`,
      fresh('new'),
      breaker,
    );
    if (res.status === 429) tripped = res;
  }
  expect(tripped, 'the breaker tripped').not.toBeNull();
  expect(JSON.parse(tripped!.body).detail).toContain('existing accounts can still sign in');
  // While it is tripped, the existing account is sent its link.
  expect((await linkRequest('198.51.100.77', known, breaker)).status).toBe(200);
  expect((await linkRequest('198.51.100.78', fresh('new'), breaker)).status).toBe(429);
});
