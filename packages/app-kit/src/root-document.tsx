import '@levqor/ui/styles.css';
import { SkipLink } from '@levqor/ui';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from './trpc-react';

/** The `<html>` of every app: shared styles, the skip link, and the tRPC / React Query provider. */
export function RootDocument({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SkipLink />
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
