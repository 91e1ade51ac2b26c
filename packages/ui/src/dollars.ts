export type ParsedDollars = { ok: true; cents: number } | { ok: false; error: string };

/**
 * What someone typed as a monthly budget in US dollars ("25", "25.50", "$1,200") → whole cents. Budgets
 * are whole cents: "0.0005" is refused with a message (it used to round to 0 without a word), while
 * "25.500" is 2550¢. Bounded to $10,000,000.
 */
export function parseDollars(text: string): ParsedDollars {
  const m = /^\s*\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!m) return { ok: false, error: 'Enter an amount in US dollars, e.g. 25 or 25.50.' };
  const whole = Number(m[1]!.replaceAll(',', ''));
  const fraction = m[2] ?? '';
  if (/[1-9]/.test(fraction.slice(2)))
    return {
      ok: false,
      error: `Budgets are in whole cents: ${text.trim()} has a fraction of a cent. Use at most two decimals, e.g. 0.01.`,
    };
  const cents = whole * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (cents > 1_000_000_000) return { ok: false, error: 'The budget is at most $10,000,000 a month.' };
  return { ok: true, cents };
}
