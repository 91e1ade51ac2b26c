import { type DbOrTx, sql } from '@levqor/db';
import { clientKey } from '../rate-limit/client-key';
import type { RateLimiter } from '../rate-limit/rate-limiter';
import { getUserByEmail } from '../users/list-users';
import { hashPii } from './pii-hash';

const MINUTE = 60_000;

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const n = Number(env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Every sign-in limit, in one place. Anonymous requests are limited by who sends them (the client's
 * address, or address + email), never by the email alone: a stranger's failures must never cost the
 * owner of an address anything.
 */
export function signInLimits(env: Record<string, string | undefined> = process.env) {
  return {
    /** Link requests from one address (IPv6: one /64). Counted by the app server, or by the auth handler. */
    linksPerIp: { limit: positive(env, 'LEVQOR_RL_UNAUTH_PER_IP', 20), windowMs: MINUTE },
    /** Link requests for one email from one address. */
    linksPerEmailAndIp: { limit: 5, windowMs: 10 * MINUTE },
    /**
     * Circuit breaker: link requests for addresses without an account, from everyone together. It never
     * refuses a link for an existing account.
     */
    newAddressLinks: { limit: positive(env, 'LEVQOR_RL_UNAUTH_GLOBAL', 200), windowMs: MINUTE },
    /** Wrong or expired links presented from one address. */
    failedLinksPerIp: { limit: 20, windowMs: 10 * MINUTE },
    /** Wrong or expired links for one email presented from one address. */
    failedLinksPerEmailAndIp: { limit: 5, windowMs: 10 * MINUTE },
    /** The owner is emailed (once a day at most) after this many failures from this many addresses in an hour. */
    ownerAlert: { failures: 20, addresses: 5, windowMs: 60 * MINUTE, onceMs: 24 * 60 * MINUTE },
  };
}

/** Counter keys; every client appears as the keyed hash of its address (IPv6 by /64), emails hashed. */
export const signInKeys = {
  linksPerIp: (ip: string) => `signin-link:ip:${clientKey(ip)}`,
  linksPerEmailAndIp: (email: string, ip: string) =>
    `signin-link:email-ip:${hashPii(email)}:${clientKey(ip)}`,
  newAddressLinks: () => 'signin-link:new-address',
  failedLinksPerIp: (ip: string) => `signin-fail:ip:${clientKey(ip)}`,
  failedLinksPerEmailAndIp: (email: string, ip: string) =>
    `signin-fail:email-ip:${hashPii(email)}:${clientKey(ip)}`,
};

export interface SignInRefusal {
  /** The limit's counter key and its name for the security log. */
  key: string;
  rule: string;
  limit: number;
  windowMs: number;
  retryAfterS: number;
  /** For the person refused. */
  message: string;
}

interface Deps {
  db: DbOrTx;
  limiter: RateLimiter;
}

async function hit(
  limiter: RateLimiter,
  key: string,
  rule: string,
  l: { limit: number; windowMs: number },
  message: (retryAfterS: number) => string,
): Promise<SignInRefusal | null> {
  const r = await limiter.hit(key, l.limit, l.windowMs);
  if (r.allowed) return null;
  const retryAfterS = Math.max(1, Math.ceil((r.resetAt.getTime() - Date.now()) / 1000));
  return { key, rule, limit: l.limit, windowMs: l.windowMs, retryAfterS, message: message(retryAfterS) };
}

const wait = (s: number) => (s < 90 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`);

/**
 * A request for a sign-in link (`POST /api/auth/signin/email`): the client's address first (unless the
 * app server already counted it), then email + address, then — for an email without an account only —
 * the global circuit breaker. `addressOnly`: a request that will not send a link (no valid CSRF token)
 * counts against the address alone. Returns the refusal, or null when the link may be sent.
 */
export async function checkLinkRequest(
  deps: Deps,
  opts: { email: string; ip: string; ipAlreadyCounted: boolean; addressOnly?: boolean },
): Promise<SignInRefusal | null> {
  const l = signInLimits();
  if (!opts.ipAlreadyCounted) {
    const perIp = await hit(
      deps.limiter,
      signInKeys.linksPerIp(opts.ip),
      'signin-link per ip',
      l.linksPerIp,
      (s) => `Too many sign-in requests from your address; try again in ${wait(s)}.`,
    );
    if (perIp) return perIp;
  }
  if (opts.addressOnly) return null;
  const perEmail = await hit(
    deps.limiter,
    signInKeys.linksPerEmailAndIp(opts.email, opts.ip),
    'signin-link per email+ip',
    l.linksPerEmailAndIp,
    (s) => `Too many sign-in links requested for this email; try again in ${wait(s)}.`,
  );
  if (perEmail) return perEmail;
  if (await getUserByEmail(deps.db, opts.email)) return null;
  return hit(
    deps.limiter,
    signInKeys.newAddressLinks(),
    'signin-link new addresses (global)',
    l.newAddressLinks,
    (s) =>
      `Levqor is receiving unusually many sign-up requests; existing accounts can still sign in. Try again in ${wait(s)}.`,
  );
}

/**
 * A wrong or expired sign-in link was presented: counted against the address, then address + email.
 * Returns the refusal once either is over its limit. A valid link is never counted (and never refused).
 */
export async function countFailedLink(
  deps: Deps,
  opts: { email: string; ip: string },
): Promise<SignInRefusal | null> {
  const l = signInLimits();
  const message = (s: number) =>
    `Too many invalid sign-in links from your address; try again in ${wait(s)}, or use the newest link you received.`;
  return (
    (await hit(
      deps.limiter,
      signInKeys.failedLinksPerIp(opts.ip),
      'signin-fail per ip',
      l.failedLinksPerIp,
      message,
    )) ??
    (await hit(
      deps.limiter,
      signInKeys.failedLinksPerEmailAndIp(opts.email, opts.ip),
      'signin-fail per email+ip',
      l.failedLinksPerEmailAndIp,
      message,
    ))
  );
}

/** Adds `by` to a fixed-window counter in PostgreSQL and returns its count in the current window. */
async function bump(db: DbOrTx, key: string, windowMs: number, by: number): Promise<number> {
  const rows = await db.execute<{ count: number }>(sql`
    insert into rate_limit_counters as c (key, count, reset_at)
    values (${key}, ${by}::int, now() + make_interval(secs => ${windowMs / 1000}))
    on conflict (key) do update set
      count = case when c.reset_at <= now() then excluded.count else c.count + excluded.count end,
      reset_at = case when c.reset_at <= now() then excluded.reset_at else c.reset_at end
    returning count`);
  return Number(rows[0]!.count);
}

/**
 * Watches failed verifications of one email for a real attack: many failures from many addresses
 * within an hour. Returns `alert: true` once (per day at most) when the owner should be told.
 * Counting is all it does: nothing here refuses or locks anything.
 */
export async function noteFailedLink(
  db: DbOrTx,
  opts: { email: string; ip: string },
): Promise<{ failures: number; addresses: number; alert: boolean }> {
  const a = signInLimits().ownerAlert;
  const email = hashPii(opts.email);
  const failures = await bump(db, `signin-watch:failures:${email}`, a.windowMs, 1);
  const firstFromAddress =
    (await bump(db, `signin-watch:seen:${email}:${clientKey(opts.ip)}`, a.windowMs, 1)) === 1;
  const addresses = await bump(db, `signin-watch:addresses:${email}`, a.windowMs, firstFromAddress ? 1 : 0);
  const alert =
    failures >= a.failures &&
    addresses >= a.addresses &&
    (await bump(db, `signin-watch:alerted:${email}`, a.onceMs, 1)) === 1;
  return { failures, addresses, alert };
}
