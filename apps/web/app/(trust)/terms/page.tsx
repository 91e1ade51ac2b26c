import Link from 'next/link';

export const metadata = { title: 'Terms of service' };

export default function TermsPage() {
  return (
    <>
      <h1>Terms of service</h1>
      <p>
        The binding version is the one shown to you at sign-in and on{' '}
        <Link href="/legal/accept">/legal/accept</Link> when it changes; each version is stored with its
        publication date and your acceptance is recorded. This page summarises it.
      </p>
      <ul>
        <li>
          You may use Levqor to define workflows and run jobs within your plan, your budget and the rate
          limits.
        </li>
        <li>
          You are responsible for the data your jobs process. Levqor refuses some high-risk personal data by
          default (see <Link href="/high-risk-data">high-risk data</Link>) and the uses in the{' '}
          <Link href="/acceptable-use">acceptable use policy</Link>.
        </li>
        <li>
          Jobs are charged as estimated and settled per step; the budget you set is enforced before a job
          starts.
        </li>
        <li>
          When a new version is published, API keys keep working for 30 days; after that, the workspace owner
          must accept it or the API answers 403 with the problem type <code>terms-not-accepted</code>.
        </li>
        <li>
          Availability and credits: see the <Link href="/sla">SLA</Link>.
        </li>
        <li>You may close your account at any time (Settings → Privacy → Delete my data).</li>
      </ul>
    </>
  );
}
