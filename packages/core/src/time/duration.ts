/** A duration: milliseconds, or `<n>ms|s|m|h|d` such as `'30s'`, `'5m'`, `'2h'`, `'1d'`. */
export type Duration = number | `${number}${'ms' | 's' | 'm' | 'h' | 'd'}`;

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/**
 * What a workflow's `delay` step accepts from a customer: a whole number of seconds, minutes, hours or
 * days (at most six digits). Every such text is also a `Duration`.
 */
export const DURATION_PATTERN = /^(\d{1,6})(s|m|h|d)$/;

/** Milliseconds in `duration` (rounded); null when it is not a finite, non-negative duration. */
export function parseDuration(duration: Duration | string): number | null {
  if (typeof duration === 'number')
    return Number.isFinite(duration) && duration >= 0 ? Math.round(duration) : null;
  const match = PATTERN.exec(duration.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return Number.isFinite(ms) ? Math.round(ms) : null;
}

/** `parseDuration` for durations written in code: throws a readable error on a malformed one. */
export function durationMs(duration: Duration | string): number {
  const ms = parseDuration(duration);
  if (ms === null)
    throw new Error(
      `Invalid duration ${JSON.stringify(duration)}: expected <n>ms|s|m|h|d, e.g. "30s" or "5m"`,
    );
  return ms;
}
