/**
 * Display formatters shared by the apps. Money is USD cents with up to 4 decimals (the API contract):
 * amounts under one dollar read as cents (`0.0123¢`), larger ones as dollars (`$12.34`, `$1.000123`).
 * Arithmetic goes through integer ten-thousandths of a cent, so nothing drifts.
 */
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '—';
  const units = Math.round(Math.abs(cents) * 10_000);
  const sign = cents < 0 && units > 0 ? '−' : '';
  if (units < 1_000_000) {
    const whole = Math.floor(units / 10_000);
    const frac = String(units % 10_000)
      .padStart(4, '0')
      .replace(/0+$/, '');
    return `${sign}${whole}${frac ? `.${frac}` : ''}¢`;
  }
  const dollars = Math.floor(units / 1_000_000);
  const frac = String(units % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `${sign}$${dollars.toLocaleString('en-US')}.${frac}`;
}

/** 850 → "850 ms", 1234 → "1.23 s", 125000 → "2m 5s", 7200000 → "2h 0m". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const s = Math.round(ms / 1_000);
  if (s < 3_600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86_400) return `${Math.floor(s / 3_600)}h ${Math.floor((s % 3_600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3_600)}h`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * ISO timestamp → "2025-01-31 14:05:09" in the viewer's time zone (`utc`: in UTC, for HTML rendered on
 * the server, which does not know the viewer's); "—" for null.
 */
export function formatDateTime(iso: string | null | undefined, zone: 'local' | 'utc' = 'local'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (zone === 'utc') return d.toISOString().slice(0, 19).replace('T', ' ');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Pretty JSON for display; `undefined` shows as `null`. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2) ?? 'null';
}
