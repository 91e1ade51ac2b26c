import { buttonClass } from '@levqor/ui';
import Link from 'next/link';
import { connection } from 'next/server';

/**
 * `app/not-found.tsx` of every app: says the page does not exist and offers the way home (no retry).
 * Rendered per request, not prerendered at build: a prerendered page's scripts carry no CSP nonce, so
 * the browser refused every one of them (the cookie banner and links stayed inert on a 404).
 */
export async function NotFoundPage({ home, homeLabel }: { home: string; homeLabel: string }) {
  await connection();
  return (
    <main id="main" tabIndex={-1} className="centered">
      <div className="narrow stack card" style={{ textAlign: 'center' }}>
        <h1>Page not found</h1>
        <p className="muted" style={{ margin: 0 }}>
          There is nothing at this address. It may have moved, or the link may be mistyped.
        </p>
        <div>
          <Link className={buttonClass()} href={home}>
            {homeLabel}
          </Link>
        </div>
      </div>
    </main>
  );
}
