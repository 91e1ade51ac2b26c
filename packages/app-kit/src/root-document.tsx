import '@levqor/ui/styles.css';
import { CONSENT_COOKIE, COOKIE_CATEGORIES, COOKIE_WORDING, parseConsentCookie } from '@levqor/core';
import { SkipLink } from '@levqor/ui';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { CookieConsent } from './privacy/cookie-consent';
import { SiteFooter } from './privacy/site-footer';
import { SentryBrowser } from './sentry-browser';
import { TRPCReactProvider } from './trpc-react';

/** The `<html>` of every app: shared styles, the skip link, the tRPC / React Query provider, and Sentry in the browser when the build has a DSN. */
export async function RootDocument({ children }: { children: ReactNode }) {
  const recorded = parseConsentCookie((await cookies()).get(CONSENT_COOKIE)?.value);
  return (
    <html lang="en">
      <body>
        <SkipLink />
        <TRPCReactProvider>{children}</TRPCReactProvider>
        <SiteFooter />
        <CookieConsent wording={COOKIE_WORDING} categories={COOKIE_CATEGORIES} recorded={recorded} />
        {process.env.NEXT_PUBLIC_SENTRY_DSN ? <SentryBrowser /> : null}
      </body>
    </html>
  );
}
