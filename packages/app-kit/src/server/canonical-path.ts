export type CanonicalTarget =
  | {
      ok: true;
      /** The decoded, normalised path every rule matches on (Next routes on the same). */
      path: string;
      /** The request target to hand on: the canonical path, re-encoded, and the query as received. */
      url: string;
    }
  | { ok: false; reason: string };

/** Re-encodes a decoded segment, leaving the sub-delimiters, `:` and `@` a path may carry as they are. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%(21|24|26|27|28|29|2A|2B|2C|3B|3D|3A|40)/g, (m) =>
    decodeURIComponent(m),
  );
}
/** C0 controls and DEL (NUL, CR, LF…). */
const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const STILL_ENCODED = /%[0-9a-f]{2}/i;

/**
 * The one spelling of a request's path that every rule (rate limits, asset detection, the REST and
 * health routes) and Next itself see: percent-decoded once, `.` and `..` segments resolved, runs of
 * slashes collapsed. Paths that do not survive that are refused rather than guessed at: an encoded
 * `/` or `\`, a backslash, control characters, a segment still percent-encoded after one decoding
 * (double encoding), a segment ending in a dot (some servers drop trailing dots), malformed escapes,
 * `..` above the root, and anything but an origin-form target (`/…`).
 *
 * Case is kept (Next's routes are case-sensitive); rules compare case-insensitively.
 */
export function canonicalTarget(rawUrl: string): CanonicalTarget {
  if (!rawUrl.startsWith('/'))
    return { ok: false, reason: 'the request target must be a path starting with "/"' };
  const q = rawUrl.indexOf('?');
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = q === -1 ? '' : rawUrl.slice(q);
  if (rawPath.includes('#')) return { ok: false, reason: 'the path contains "#"' };
  if (rawPath.includes('\\') || /%5c/i.test(rawPath))
    return { ok: false, reason: 'the path contains a backslash' };
  if (/%2f/i.test(rawPath)) return { ok: false, reason: 'the path contains an encoded "/" (%2F)' };

  const out: string[] = [];
  const raw = rawPath.split('/');
  for (const [i, part] of raw.entries()) {
    if (i === 0) continue; // before the leading "/"
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return { ok: false, reason: 'the path has a malformed percent-encoding' };
    }
    if (hasControl(segment)) return { ok: false, reason: 'the path contains control characters' };
    if (STILL_ENCODED.test(segment)) return { ok: false, reason: 'the path is percent-encoded twice' };
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return { ok: false, reason: 'the path climbs above the root ("..")' };
      out.pop();
      continue;
    }
    if (segment.endsWith('.')) return { ok: false, reason: 'a path segment ends with a dot' };
    out.push(segment);
  }
  const last = raw[raw.length - 1];
  // A trailing slash is kept (Next redirects it), unless the path resolved to the root.
  const trailing = raw.length > 2 && (last === '' || last === '.' || last === '..') && out.length > 0;
  const path = `/${out.join('/')}${trailing ? '/' : ''}`;
  const encoded = `/${out.map(encodeSegment).join('/')}${trailing ? '/' : ''}`;
  return { ok: true, path, url: `${encoded}${query}` };
}

/** Characters a URL carries as they are; every other byte is three once percent-encoded. */
const URL_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/;

/**
 * A request target's length once percent-encoded, as a redirect echoes it in `Location`: a client may
 * send `[`, `"` or `{` raw, and each becomes three characters there.
 */
export function encodedLength(rawUrl: string): number {
  let n = 0;
  for (const c of rawUrl) n += URL_SAFE.test(c) ? 1 : 3 * Buffer.byteLength(c);
  return n;
}
