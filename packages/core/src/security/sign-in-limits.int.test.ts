import { randomBytes } from 'node:crypto';
import { rateLimitCounters, sql } from '@levqor/db';
import { makeUser, testDb, uniqueEmail } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { postgresRateLimiter } from '../rate-limit/rate-limiter';
import { checkLinkRequest, countFailedLink, noteFailedLink, signInLimits } from './sign-in-limits';

// One limiter, as one process has (each limiter leases its own share of a limit over 100).
let limiter: ReturnType<typeof postgresRateLimiter> | undefined;
const deps = () => {
  limiter ??= postgresRateLimiter(testDb());
  return { db: testDb(), limiter };
};
/** A fresh IPv4 address in 198.18.0.0/15 (benchmarking range) per call. */
const freshIp = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const freshV6Net = () => `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

describe('checkLinkRequest', () => {
  it('limits per address first, then per email + address, never per email alone', async () => {
    const victim = uniqueEmail('victim');
    const attacker = freshIp();
    const l = signInLimits();
    const answers = [];
    for (let i = 0; i < l.linksPerEmailAndIp.limit + 2; i++)
      answers.push(await checkLinkRequest(deps(), { email: victim, ip: attacker, ipAlreadyCounted: true }));
    expect(answers.slice(0, l.linksPerEmailAndIp.limit)).toEqual(
      Array.from({ length: l.linksPerEmailAndIp.limit }, () => null),
    );
    expect(answers.at(-1)).toMatchObject({ rule: 'signin-link per email+ip', limit: 5 });
    // The victim, from their own address, still gets a link.
    expect(
      await checkLinkRequest(deps(), { email: victim, ip: freshIp(), ipAlreadyCounted: true }),
    ).toBeNull();
  });

  it('keys IPv6 clients by /64: a fresh address in the same /64 buys nothing', async () => {
    const email = uniqueEmail('v6');
    const net = freshV6Net();
    const answers = [];
    for (let i = 1; i <= 6; i++)
      answers.push(await checkLinkRequest(deps(), { email, ip: `${net}::${i}`, ipAlreadyCounted: true }));
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(answers[5]).toMatchObject({ rule: 'signin-link per email+ip' });
  });

  it('counts the address itself when the app server did not', async () => {
    const ip = freshIp();
    const l = signInLimits({ LEVQOR_RL_UNAUTH_PER_IP: '3' });
    expect(l.linksPerIp.limit).toBe(3);
    const answers = [];
    for (let i = 0; i < 21; i++)
      answers.push(await checkLinkRequest(deps(), { email: uniqueEmail('n'), ip, ipAlreadyCounted: false }));
    expect(answers.findIndex(Boolean)).toBe(20);
    expect(answers[20]).toMatchObject({ rule: 'signin-link per ip', limit: 20 });
  });

  it('per address first: requests an address is refused do not count towards the global breaker', async () => {
    const ip = freshIp();
    const breaker = async () =>
      Number(
        (
          await testDb().execute<{ count: number }>(
            sql`select coalesce(sum(count), 0) as count from rate_limit_counters where key = 'signin-link:new-address'`,
          )
        )[0]!.count,
      );
    for (let i = 0; i < 20; i++)
      await checkLinkRequest(deps(), { email: uniqueEmail('first'), ip, ipAlreadyCounted: false });
    const before = await breaker();
    for (let i = 0; i < 5; i++)
      expect(
        await checkLinkRequest(deps(), { email: uniqueEmail('first'), ip, ipAlreadyCounted: false }),
      ).toMatchObject({ rule: 'signin-link per ip' });
    expect(await breaker()).toBe(before);
  });

  it('a request without a valid CSRF token (it sends nothing) counts against the address alone', async () => {
    const email = uniqueEmail('nocsrf');
    const ip = freshIp();
    for (let i = 0; i < 8; i++)
      expect(
        await checkLinkRequest(deps(), { email, ip, ipAlreadyCounted: true, addressOnly: true }),
      ).toBeNull();
    expect(await checkLinkRequest(deps(), { email, ip, ipAlreadyCounted: true })).toBeNull();
  });

  it('the global breaker refuses new addresses only: an existing account always gets its link', async () => {
    const { user } = await makeUser({ label: 'known' });
    const l = signInLimits();
    // Exhaust the breaker's current window directly (as a flood from many addresses would).
    await testDb()
      .insert(rateLimitCounters)
      .values({
        key: 'signin-link:new-address',
        count: l.newAddressLinks.limit * 10,
        resetAt: new Date(Date.now() + 60_000),
      })
      .onConflictDoUpdate({
        target: rateLimitCounters.key,
        set: { count: l.newAddressLinks.limit * 10, resetAt: new Date(Date.now() + 60_000) },
      });
    try {
      // Another process (its own limiter: no lease left over from the tests above).
      const other = { db: testDb(), limiter: postgresRateLimiter(testDb()) };
      const fresh = await checkLinkRequest(other, {
        email: uniqueEmail('new'),
        ip: freshIp(),
        ipAlreadyCounted: true,
      });
      expect(fresh).toMatchObject({ rule: 'signin-link new addresses (global)' });
      expect(fresh!.message).toContain('existing accounts can still sign in');
      expect(
        await checkLinkRequest(deps(), { email: user.email, ip: freshIp(), ipAlreadyCounted: true }),
      ).toBeNull();
    } finally {
      await testDb().execute(sql`delete from rate_limit_counters where key = 'signin-link:new-address'`);
    }
  });
});

describe('countFailedLink', () => {
  it('limits failures per address + email and per address; another address is unaffected', async () => {
    const email = uniqueEmail('target');
    const ip = freshIp();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await countFailedLink(deps(), { email, ip }));
    expect(answers.findIndex(Boolean)).toBe(5);
    expect(answers[5]).toMatchObject({ rule: 'signin-fail per email+ip', limit: 5 });
    expect(await countFailedLink(deps(), { email, ip: freshIp() })).toBeNull();
    const spray = freshIp();
    const sprayed = [];
    for (let i = 0; i < 21; i++)
      sprayed.push(await countFailedLink(deps(), { email: uniqueEmail('s'), ip: spray }));
    expect(sprayed.findIndex(Boolean)).toBe(20);
    expect(sprayed[20]).toMatchObject({ rule: 'signin-fail per ip' });
  });
});

describe('noteFailedLink', () => {
  it('alerts once, and only after many failures from many addresses', async () => {
    const email = uniqueEmail('watched');
    const a = signInLimits().ownerAlert;
    const one = freshIp();
    // Many failures from one address: no signal.
    let last = { alert: false, failures: 0, addresses: 0 };
    for (let i = 0; i < a.failures + 5; i++) last = await noteFailedLink(testDb(), { email, ip: one });
    expect(last).toMatchObject({ alert: false, addresses: 1, failures: a.failures + 5 });
    // Addresses 2…5: the fifth distinct address raises it, once.
    const alerts = [];
    for (let i = 0; i < a.addresses + 2; i++)
      alerts.push((await noteFailedLink(testDb(), { email, ip: freshIp() })).alert);
    expect(alerts.filter(Boolean)).toHaveLength(1);
    expect(alerts.indexOf(true)).toBe(a.addresses - 2);
  });
});
