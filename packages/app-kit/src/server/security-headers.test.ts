import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, sentryConnectOrigin } from './security-headers';

describe('the CSP and Sentry', () => {
  it('lets pages connect to Sentry’s ingest only when a DSN is set', () => {
    expect(contentSecurityPolicy('n', false, sentryConnectOrigin(undefined))).toContain(
      "connect-src 'self';",
    );
    const origin = sentryConnectOrigin('https://abc@o12.ingest.sentry.io/34');
    expect(origin).toBe('https://o12.ingest.sentry.io');
    expect(contentSecurityPolicy('n', false, origin)).toContain(
      "connect-src 'self' https://o12.ingest.sentry.io;",
    );
    expect(sentryConnectOrigin('not a url')).toBeNull();
  });
});
