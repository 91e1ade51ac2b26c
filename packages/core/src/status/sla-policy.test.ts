import { describe, expect, it } from 'vitest';
import {
  claimWindow,
  claimWindowState,
  creditCents,
  creditPercentFor,
  monthBounds,
  recentMonths,
} from './sla-policy';

describe('SLA credit tiers', () => {
  it('earns nothing at or above 99.5% and without measurements', () => {
    expect(creditPercentFor(1000, 1000)).toBe(0);
    expect(creditPercentFor(995, 1000)).toBe(0); // exactly 99.5%
    expect(creditPercentFor(0, 0)).toBe(0);
  });
  it('10% just below 99.5%, 25% below 99.0%, 50% below 95.0% — boundaries exact', () => {
    expect(creditPercentFor(99_499, 100_000)).toBe(10);
    expect(creditPercentFor(990, 1000)).toBe(10); // exactly 99.0% is not below it
    expect(creditPercentFor(98_999, 100_000)).toBe(25);
    expect(creditPercentFor(950, 1000)).toBe(25); // exactly 95.0%
    expect(creditPercentFor(949, 1000)).toBe(50);
    expect(creditPercentFor(0, 1000)).toBe(50);
  });
  it('a credit is the percent of the fee, rounded to the cent', () => {
    expect(creditCents(7_900, 10)).toBe(790);
    expect(creditCents(2_900, 25)).toBe(725);
    expect(creditCents(14_900, 50)).toBe(7_450);
    expect(creditCents(999, 25)).toBe(250);
    expect(creditCents(0, 50)).toBe(0);
  });
});

describe('claim window', () => {
  it('opens when the month ends and closes 30 days later (UTC)', () => {
    expect(monthBounds('2026-02')).toEqual({
      start: new Date('2026-02-01T00:00:00Z'),
      end: new Date('2026-03-01T00:00:00Z'),
    });
    expect(claimWindow('2026-12').closesAt).toEqual(new Date('2027-01-31T00:00:00Z'));
    expect(claimWindowState('2026-11', new Date('2026-11-30T23:59:59Z'))).toBe('not-ended');
    expect(claimWindowState('2026-11', new Date('2026-12-01T00:00:00Z'))).toBe('open');
    expect(claimWindowState('2026-11', new Date('2026-12-30T23:59:59Z'))).toBe('open');
    expect(claimWindowState('2026-11', new Date('2026-12-31T00:00:00Z'))).toBe('closed');
  });
  it('rejects a malformed month and lists recent months across a year', () => {
    expect(() => monthBounds('2026-13')).toThrow(RangeError);
    expect(recentMonths(new Date('2027-01-15T00:00:00Z'), 3)).toEqual(['2027-01', '2026-12', '2026-11']);
  });
});
