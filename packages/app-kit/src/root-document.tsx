import '@levqor/ui/styles.css';
import { SkipLink } from '@levqor/ui';
import type { ReactNode } from 'react';
import { SentryBrowser } from './sentry-browser';
import { TRPCReactProvider } from './trpc-react';

/** The `<html>` of every app: shared styles, the skip link, the tRPC / React Query provider, and Sentry in the browser when the build has a DSN. */
export function RootDocument({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SkipLink />
        <TRPCReactProvider>{children}</TRPCReactProvider>
        {process.env.NEXT_PUBLIC_SENTRY_DSN ? <SentryBrowser /> : null}
      </body>
    </html>
  );
}
