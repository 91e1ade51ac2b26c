import Link from 'next/link';
import type { ReactNode } from 'react';

/** The public trust pages: plain documents, static, linked from every footer. */
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
