import { describe, expect, it } from 'vitest';
import { DURATION_PATTERN, durationMs, parseDuration } from './duration';

describe('durations (one parser for workflows, webhooks and the engine)', () => {
  it('parses <n>ms|s|m|h|d and milliseconds', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5s')).toBe(1_500);
    expect(parseDuration(1_500)).toBe(1_500);
  });
  it('refuses anything else: null from parseDuration, a readable error from durationMs', () => {
    for (const bad of ['5', '5 minutes', '-1s', '', 'm5', `${'9'.repeat(400)}d`, -1, Number.NaN]) {
      expect(parseDuration(bad)).toBeNull();
      expect(() => durationMs(bad)).toThrow(/Invalid duration/);
    }
  });
  it('a delay step accepts whole s|m|h|d only, each of them a duration', () => {
    for (const ok of ['1s', '90m', '999999d']) {
      expect(DURATION_PATTERN.test(ok)).toBe(true);
      expect(parseDuration(ok)).not.toBeNull();
    }
    for (const bad of ['250ms', '1.5s', '1234567s']) expect(DURATION_PATTERN.test(bad)).toBe(false);
  });
});
