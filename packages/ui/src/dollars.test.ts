import { describe, expect, it } from 'vitest';
import { parseDollars } from './dollars';

describe('parseDollars', () => {
  it('reads dollars and cents', () => {
    expect(parseDollars('25')).toEqual({ ok: true, cents: 2500 });
    expect(parseDollars(' $25.5 ')).toEqual({ ok: true, cents: 2550 });
    expect(parseDollars('1,200.05')).toEqual({ ok: true, cents: 120005 });
    expect(parseDollars('25.500')).toEqual({ ok: true, cents: 2550 });
    expect(parseDollars('0')).toEqual({ ok: true, cents: 0 });
  });
  it('refuses a fraction of a cent with a message instead of rounding it away', () => {
    const r = parseDollars('0.0005');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/whole cents: 0\.0005 has a fraction of a cent/);
  });
  it('refuses what is not an amount, and amounts past the limit', () => {
    expect(parseDollars('ten').ok).toBe(false);
    expect(parseDollars('-5').ok).toBe(false);
    expect(parseDollars('10000000.01').ok).toBe(false);
  });
});
