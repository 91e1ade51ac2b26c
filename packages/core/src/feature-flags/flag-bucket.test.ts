import { describe, expect, it } from 'vitest';
import { evaluateFlag, type FlagState, flagBucket } from './flag-bucket';

const flag = (s: Partial<FlagState>): FlagState => ({
  enabled: true,
  rolloutPercent: 100,
  killed: false,
  overrides: new Map(),
  ...s,
});

describe('flagBucket', () => {
  it('is stable and spreads workspaces over 0–99', () => {
    expect(flagBucket('a.flag', 'ws_1')).toBe(flagBucket('a.flag', 'ws_1'));
    const buckets = Array.from({ length: 2000 }, (_, i) => flagBucket('a.flag', `ws_${i}`));
    expect(Math.min(...buckets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...buckets)).toBeLessThan(100);
    const under30 = buckets.filter((b) => b < 30).length / buckets.length;
    expect(under30).toBeGreaterThan(0.25);
    expect(under30).toBeLessThan(0.35);
  });
});

describe('evaluateFlag', () => {
  it('boolean, percentage, overrides and the kill switch', () => {
    expect(evaluateFlag(undefined, 'ws_1', 'f')).toBe(false);
    expect(evaluateFlag(flag({}), 'ws_1', 'f')).toBe(true);
    expect(evaluateFlag(flag({ enabled: false }), 'ws_1', 'f')).toBe(false);
    const ws = Array.from({ length: 1000 }, (_, i) => `ws_${i}`);
    const on = ws.filter((w) => evaluateFlag(flag({ rolloutPercent: 50 }), w, 'f'));
    expect(on.length).toBeGreaterThan(400);
    expect(on.length).toBeLessThan(600);
    expect(on.every((w) => flagBucket('f', w) < 50)).toBe(true);
    const overrides = new Map([['ws_1', true]]);
    expect(evaluateFlag(flag({ enabled: false, overrides }), 'ws_1', 'f')).toBe(true);
    expect(evaluateFlag(flag({ killed: true, overrides }), 'ws_1', 'f')).toBe(false);
    expect(evaluateFlag(flag({ overrides: new Map([['ws_2', false]]) }), 'ws_2', 'f')).toBe(false);
  });
});
