/** A duration: milliseconds, or `<n>ms|s|m|h|d` such as `'30s'`, `'5m'`, `'2h'`, `'1d'`. */
export type Duration = number | `${number}${'ms' | 's' | 'm' | 'h' | 'd'}`;

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** Milliseconds in `duration`; throws on anything that is not a finite, non-negative duration. */
export function parseDuration(duration: Duration | string): number {
  if (typeof duration === 'number') {
    if (!Number.isFinite(duration) || duration < 0) throw new Error(`Invalid duration: ${duration}`);
    return Math.round(duration);
  }
  const match = PATTERN.exec(duration.trim());
  if (!match) throw new Error(`Invalid duration "${duration}": expected <n>ms|s|m|h|d, e.g. "30s" or "5m"`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
}
