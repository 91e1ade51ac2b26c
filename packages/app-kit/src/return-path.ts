import { trustedRequestFacts } from '@levqor/config/app-server-proof';

/** A relative path on this app only (no `//host`, no scheme, no backslash): safe to redirect to. */
export function isSafeRelativePath(path: string): boolean {
  return /^\/(?![/\\])[\w\-./?=&%]*$/.test(path);
}

/**
 * A recorded request path as a place to come back to: Next's `_rsc` parameter (client navigations) is
 * dropped; `fallback` when there is none or it is not a plain relative path of this app.
 */
export function returnPath(recorded: string | null | undefined, fallback: string): string {
  if (!recorded || !isSafeRelativePath(recorded)) return fallback;
  const url = new URL(recorded, 'http://app.invalid');
  if (url.origin !== 'http://app.invalid') return fallback;
  url.searchParams.delete('_rsc');
  const path = `${url.pathname}${url.search}`;
  return isSafeRelativePath(path) ? path : fallback;
}

/**
 * Where a guard sends the user back to after a detour (sign-in, `/legal/accept`): the path and query the
 * app server recorded for this request (`x-levqor-path`, believed only with the app server's proof).
 */
export function requestedPath(get: (name: string) => string | null | undefined, fallback: string): string {
  return returnPath(trustedRequestFacts(get).path, fallback);
}
