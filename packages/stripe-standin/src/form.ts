/**
 * Decodes Stripe's form encoding (`application/x-www-form-urlencoded` with bracket nesting, as the SDK
 * writes it: `line_items[0][price]=price_1&metadata[ws]=ws_1&expand[]=x`) into nested objects; numeric
 * keys make arrays.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

export function decodeForm(body: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const first = rawKey.indexOf('[');
    const path =
      first === -1
        ? [rawKey]
        : [rawKey.slice(0, first), ...[...rawKey.slice(first).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)];
    let node: Record<string, FormValue> | FormValue[] = root;
    for (const [i, key] of path.entries()) {
      const last = i === path.length - 1;
      const k = key === '' && Array.isArray(node) ? String(node.length) : key;
      if (last) {
        (node as Record<string, FormValue>)[k] = value;
        break;
      }
      const nextIsIndex = /^\d*$/.test(path[i + 1]!);
      const existing = (node as Record<string, FormValue>)[k];
      const child = existing ?? (nextIsIndex ? [] : {});
      (node as Record<string, FormValue>)[k] = child;
      node = child as Record<string, FormValue>;
    }
  }
  return root;
}

/** A string field of a decoded form, or undefined. */
export const str = (v: FormValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** A record field (metadata) of a decoded form, as strings. */
export function record(v: FormValue | undefined): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
