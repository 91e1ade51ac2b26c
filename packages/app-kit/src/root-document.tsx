import '@levqor/ui/styles.css';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from './trpc-react';

/** The `<html>` of every app: shared styles and the tRPC / React Query provider. */
export function RootDocument({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
