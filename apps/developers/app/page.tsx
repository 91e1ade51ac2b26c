import { SignOutButton } from '@levqor/app-kit/sign-out-button';
import { getSession } from '@levqor/auth';
import { buttonClass, CodeBlock } from '@levqor/ui';
import Link from 'next/link';
import { developersOrigin } from '~/components/origin';
import { PORTAL_HOME } from '~/components/portal-nav';

export const dynamic = 'force-dynamic';

export default async function DevelopersHome() {
  const session = await getSession();
  const origin = developersOrigin();
  return (
    <div className="public">
      <header className="public-top">
        <strong style={{ fontSize: 20 }}>Levqor Developers</strong>
        <nav className="row" aria-label="Account">
          {session ? (
            <>
              <span className="muted" data-testid="signed-in-as">
                Signed in as {session.user.email}
              </span>
              <Link className={buttonClass()} href={PORTAL_HOME}>
                Open the portal
              </Link>
              <SignOutButton variant="secondary" />
            </>
          ) : (
            <Link className={buttonClass()} href={`/sign-in?callbackUrl=${PORTAL_HOME}`}>
              Sign in
            </Link>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <section className="hero">
          <h1>Automate with the Levqor API.</h1>
          <p>
            Submit jobs, follow their steps and costs, and receive a signed webhook when they finish — the
            same operations as the dashboard, over a JSON REST API authenticated with API keys.
          </p>
        </section>
        <div className="grid-2">
          <section className="card stack">
            <h2>In the portal</h2>
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              <li>API keys with scopes, expiry and per-key rate limits; rotation without downtime</li>
              <li>Signed webhooks: the signing secret, every delivery and its attempts, redelivery</li>
              <li>Requests per day per key and errors by status</li>
              <li>A quickstart and the full API reference, generated from the API itself</li>
            </ul>
            <div>
              <Link
                className={buttonClass()}
                href={session ? PORTAL_HOME : `/sign-in?callbackUrl=${PORTAL_HOME}`}
              >
                {session ? 'Open the portal' : 'Sign in to get a key'}
              </Link>
            </div>
          </section>
          <section className="card stack">
            <h2>No key needed</h2>
            <p className="muted" style={{ margin: 0 }}>
              The service status and the OpenAPI 3.1 document are public:
            </p>
            <CodeBlock title="Terminal" code={`curl ${origin}/health\ncurl ${origin}/api/v1/openapi.json`} />
          </section>
        </div>
      </main>
    </div>
  );
}
