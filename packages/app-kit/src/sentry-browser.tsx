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
    void Promise.all([import('@sentry/nextjs'), import('@levqor/observability/sentry-options')]).then(
      ([Sentry, { sentryOptions }]) => {
        if (Sentry.getClient()) return;
        Sentry.init({
          ...sentryOptions({
            dsn,
            service: 'browser',
            environment: process.env.NEXT_PUBLIC_SENTRY_ENVIRONMENT || undefined,
          }),
          // Errors only: no session pings, no tracing of navigations.
          integrations: (defaults) => defaults.filter((i) => i.name !== 'BrowserSession'),
        });
      },
    );
  }, []);
  return null;
}
