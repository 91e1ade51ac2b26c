import { authCookies, currentApp } from './app-identity';

/** next-auth's own test for a callback URL (a path, or an absolute http(s) URL); its failure was a 500. */
export function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(
      new URL(value, value.startsWith('/') ? 'http://levqor.invalid' : undefined).protocol,
    );
  } catch {
    return false;
  }
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The Cookie header without any `callback-url` cookie of this app whose value next-auth would refuse.
 * With one (a client can set any cookie on itself) next-auth answered every request — pages, tRPC and
 * /api/auth alike — with "a problem with the server configuration" (500); parsers disagree on which of
 * two same-named cookies counts, so every occurrence is checked. Returns the header unchanged (same
 * string) when there is nothing to drop.
 */
export function withoutBadCallbackCookie(
  header: string,
  name = authCookies(currentApp()).callbackUrl!.name,
): string {
  if (!header.includes(name)) return header;
  const parts = header.split(';');
  const kept = parts.filter((part) => {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) return true;
    return isHttpUrl(decoded(part.slice(eq + 1).trim()));
  });
  return kept.length === parts.length ? header : kept.map((p) => p.trim()).join('; ');
}
