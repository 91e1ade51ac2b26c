'use client';

import { useEffect } from 'react';

/**
 * Starts Sentry in the browser, after the page is interactive, from a chunk of its own: nothing of the
 * SDK is in the first-load JavaScript. The DSN is SENTRY_DSN at build time (next-config.mjs inlines it
 * as NEXT_PUBLIC_SENTRY_DSN); a build without it contains no browser SDK at all and sends nothing.
 * Reports pass the same scrubber as the servers' (packages/observability/src/scrub.ts).
 */
export function SentryBrowser() {
  useEffect(() => {
    const dsn = process.env.NEXT_PUBLIC_SENTRY_DSN;
    if (!dsn) return;
    void import('./sentry-browser-init').then(({ startBrowserSentry }) =>
      startBrowserSentry(dsn, process.env.NEXT_PUBLIC_SENTRY_ENVIRONMENT || undefined),
    );
  }, []);
  return null;
}
