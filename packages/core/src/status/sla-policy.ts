/**
 * The SLA as the code keeps it (the /sla trust page reads these constants, so the copy cannot drift).
 *
 * Monthly availability = up minutes ÷ measured minutes of a UTC calendar month, from `health_checks`:
 * a minute is *measured* when at least one check of a covered service (web, api, database) was recorded
 * in it, and *up* when every covered check recorded in it passed. Minutes with no recorded check are not
 * counted either way.
 */
export const SLA_TARGET = 0.995;
/** The services whose checks make up the SLA figure (the dashboard, the REST API and their database). */
export const SLA_SERVICES = ['web', 'api', 'database'] as const;
/** Credit tiers, strictest first: availability below `below` earns `percent` of the month's fee. */
export const SLA_CREDIT_TIERS = [
  { below: 0.95, percent: 50 },
  { below: 0.99, percent: 25 },
  { below: 0.995, percent: 10 },
] as const;
/** Claims are accepted until this many days after the end of the month concerned. */
export const SLA_CLAIM_WINDOW_DAYS = 30;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` of a date (UTC). */
export const monthKey = (d: Date) => d.toISOString().slice(0, 7);

/** The month's bounds, UTC: [start, end). */
export function monthBounds(month: string): { start: Date; end: Date } {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  return { start: new Date(Date.UTC(y, mo, 1)), end: new Date(Date.UTC(y, mo + 1, 1)) };
}

/**
 * Credit percent for `up` of `measured` minutes, compared in integers (per mille) so 99.5% exactly earns
 * nothing and 99.4999…% earns 10. No measured minute: no figure, no credit.
 */
export function creditPercentFor(up: number, measured: number): number {
  if (measured <= 0) return 0;
  for (const tier of SLA_CREDIT_TIERS)
    if (up * 10_000 < Math.round(tier.below * 10_000) * measured) return tier.percent;
  return 0;
}

/** The credit in cents: `percent` of the month's fee, rounded to the cent. */
export const creditCents = (feeCents: number, percent: number) => Math.round((feeCents * percent) / 100);

/** When claims for `month` open (its end) and close (30 days later). */
export function claimWindow(month: string): { opensAt: Date; closesAt: Date } {
  const { end } = monthBounds(month);
  return { opensAt: end, closesAt: new Date(end.getTime() + SLA_CLAIM_WINDOW_DAYS * 86_400_000) };
}

export type ClaimWindowState = 'not-ended' | 'open' | 'closed';

export function claimWindowState(month: string, now: Date): ClaimWindowState {
  const { opensAt, closesAt } = claimWindow(month);
  if (now < opensAt) return 'not-ended';
  return now < closesAt ? 'open' : 'closed';
}

/** The last `count` months up to and including `now`'s, newest first. */
export function recentMonths(now: Date, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++)
    out.push(monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))));
  return out;
}
