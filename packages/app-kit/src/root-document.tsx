import '@levqor/ui/styles.css';
import { COOKIE_CATEGORIES, COOKIE_WORDING } from '@levqor/core';
import { SkipLink } from '@levqor/ui';
import type { ReactNode } from 'react';
import { CookieConsent } from './privacy/cookie-consent';
import { SiteFooter } from './privacy/site-footer';
import { SentryBrowser } from './sentry-browser';
import { TRPCReactProvider } from './trpc-react';

/** The `<html>` of every app: shared styles, the skip link, the tRPC / React Query provider, and Sentry in the browser when the build has a DSN. */
export function RootDocument({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SkipLink />
        <TRPCReactProvider>{children}</TRPCReactProvider>
        <SiteFooter />
        <CookieConsent wording={COOKIE_WORDING} categories={COOKIE_CATEGORIES} />
        {process.env.NEXT_PUBLIC_SENTRY_DSN ? <SentryBrowser /> : null}
      </body>
    </html>
  );
}
