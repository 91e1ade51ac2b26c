import { sentryOptions } from '@levqor/observability/sentry-options';
import { getClient, init } from '@sentry/nextjs';

/**
 * Starts the browser's Sentry client (loaded on demand by SentryBrowser). Named imports only, so the
 * chunk holds what `init` needs — not replay, feedback or tracing.
 */
export function startBrowserSentry(dsn: string, environment: string | undefined): void {
  if (getClient()) return;
  init({
    ...sentryOptions({ dsn, service: 'browser', environment }),
    // Errors only: no session pings, no tracing of navigations.
    integrations: (defaults) => defaults.filter((i) => i.name !== 'BrowserSession'),
  });
}
