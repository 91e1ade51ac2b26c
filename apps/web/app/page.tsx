import { getSession } from '@levqor/auth';
import { buttonClass } from '@levqor/ui';
import Link from 'next/link';

export const dynamic = 'force-dynamic';

const FEATURES = [
  ['Workflows', 'Chain http, ai, transform, delay and email steps into a workflow, versioned and published.'],
  [
    'Durable jobs',
    'Submit jobs from the dashboard or the REST API. Every step is recorded, retried and resumable.',
  ],
  ['Cost guardrails', 'Each job is estimated before it runs and checked against your monthly budget.'],
  ['Signed webhooks', 'Get a signed callback when a job finishes, with its status, result and cost.'],
] as const;

export default async function HomePage() {
  const session = await getSession();
  return (
    <div className="public">
      <header className="public-top">
        <strong style={{ fontSize: 20 }}>Levqor</strong>
        <nav className="row" aria-label="Account">
          {session ? (
            <Link className={buttonClass()} href="/dashboard">
              Open dashboard
            </Link>
          ) : (
            <Link className={buttonClass()} href="/sign-in">
              Sign in
            </Link>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <section className="hero">
          <h1>Run AI automation in production, and know what it costs.</h1>
          <p>
            Levqor is a job-orchestration platform: define workflows, submit jobs, and Levqor validates them,
            checks their cost against your budget, runs them durably in the background and reports every step.
          </p>
          <div className="row" style={{ marginTop: 20 }}>
            <Link className={buttonClass()} href={session ? '/dashboard' : '/sign-in'}>
              {session ? 'Go to your dashboard' : 'Get started — sign in with email'}
            </Link>
          </div>
        </section>
        <section className="grid-2">
          {FEATURES.map(([title, text]) => (
            <div key={title} className="card">
              <h3>{title}</h3>
              <p className="muted" style={{ margin: 0 }}>
                {text}
              </p>
            </div>
          ))}
        </section>
      </main>
    </div>
  );
}
