import Link from 'next/link';
import type { ReactNode } from 'react';

// Rendered per request: the strict CSP allows only scripts carrying the request's nonce, so a page
// prerendered at build time could not hydrate (no cookie banner, no "Cookie settings").
export const dynamic = 'force-dynamic';

/** The public trust pages: plain documents, linked from every footer. */
export default function TrustLayout({ children }: { children: ReactNode }) {
  return (
    <main
      id="main"
      tabIndex={-1}
      className="stack"
      style={{ maxWidth: 820, margin: '32px auto', padding: '0 20px' }}
    >
      <nav aria-label="Breadcrumb">
        <Link href="/">Levqor</Link>
      </nav>
      <article className="stack trust-page">{children}</article>
    </main>
  );
}
