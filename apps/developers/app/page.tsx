import { SignOutButton } from '@levqor/app-kit/sign-out-button';
import { getSession } from '@levqor/auth';
import { buttonClass } from '@levqor/ui';
import Link from 'next/link';

export const dynamic = 'force-dynamic';

const SAMPLE = 'curl http://localhost:3002/api/health';

export default async function DevelopersHome() {
  const session = await getSession();
  return (
    <div className="public">
      <header className="public-top">
        <strong style={{ fontSize: 20 }}>Levqor Developers</strong>
        <nav className="row">
          {session ? (
            <>
              <span className="muted" data-testid="signed-in-as">
                Signed in as {session.user.email}
              </span>
              <span style={{ color: '#fff', background: '#12152a', borderRadius: 6 }}>
                <SignOutButton />
              </span>
            </>
          ) : (
            <Link className={buttonClass()} href="/sign-in?callbackUrl=/">
              Sign in
            </Link>
          )}
        </nav>
      </header>
      <section className="hero">
        <h1>Automate with the Levqor API.</h1>
        <p>
          Submit jobs, follow their steps and costs, and receive a signed webhook when they finish — the same
          operations as the dashboard, over a JSON REST API authenticated with API keys.
        </p>
      </section>
      <section className="card stack">
        <h2>Check the service</h2>
        <p className="muted" style={{ margin: 0 }}>
          Every Levqor app answers a health check; <code>/api/health/ready</code> also checks the database:
        </p>
        <pre>{SAMPLE}</pre>
      </section>
    </div>
  );
}
