import { RETENTION, retentionPeriod } from '@levqor/core';
import Link from 'next/link';

export const metadata = { title: 'Privacy policy' };

export default function PrivacyPage() {
  return (
    <>
      <h1>Privacy policy</h1>
      <p>
        Levqor runs workflows and jobs for its customers. This page says what we hold about you, why, for how
        long, who else sees it, and how to use your rights. The version you accepted is recorded with your
        account; when we publish a new version we ask you to accept it before you continue.
      </p>
      <h2>What we hold</h2>
      <ul>
        <li>
          Your account: email address, name, role, sign-up date, and the sessions you are signed in with.
        </li>
        <li>
          Your workspaces: workflows and their versions, jobs with their inputs, steps, outputs, costs and
          events.
        </li>
        <li>
          API keys (only a hash and a short prefix; never the key), webhook deliveries and their attempts.
        </li>
        <li>Usage and billing: the cost ledger per job and monthly totals; your plan and budget.</li>
        <li>
          Consents, objections, terms acceptances (with a keyed hash of your IP address and your browser's
          user agent).
        </li>
        <li>
          Security records: sign-in attempts and refusals, with email and IP addresses stored as keyed hashes.
        </li>
        <li>With your cookie consent only: our own page views and product events.</li>
      </ul>
      <h2>Why (legal bases)</h2>
      <ul>
        <li>To provide the service you signed up for (contract).</li>
        <li>Billing and tax records (legal obligation).</li>
        <li>Security, abuse prevention and rate limits (legitimate interests).</li>
        <li>
          Intelligence reports for workspace owners from usage figures (legitimate interests — you can
          object).
        </li>
        <li>
          Marketing email, only after you confirmed it by email (consent); analytics only with cookie consent.
        </li>
      </ul>
      <h2>How long</h2>
      <ul>
        {Object.values(RETENTION).map((r) => (
          <li key={r.what}>
            {r.what}: {retentionPeriod(r)}, then {r.after}.
          </li>
        ))}
        <li>Your account and workspace data: while your account exists.</li>
      </ul>
      <h2>Who else</h2>
      <p>
        See <Link href="/subprocessors">subprocessors</Link>. The AI provider your workflows use receives the
        prompts your workflows send; the URLs and webhooks you configure receive what your workflows send
        them.
      </p>
      <h2>Your rights</h2>
      <ul>
        <li>
          Access and portability: <Link href="/dashboard/settings/privacy">Settings → Privacy</Link> → Request
          my data export (a ZIP by email, within minutes; the legal deadline is one month).
        </li>
        <li>
          Erasure: Delete my data, confirmed by email, with a 7-day cooling-off you can cancel. Billing
          records are kept 7 years by law.
        </li>
        <li>
          Objection (Art. 21) per purpose — marketing, profiling, analytics, product email, or all — on the
          same page or with <code>POST /api/v1/privacy/objections</code>.
        </li>
        <li>
          Withdraw consent: <Link href="/dashboard/settings/marketing">marketing email</Link>, the unsubscribe
          link in every marketing email, and “Cookie settings” at the bottom of every page.
        </li>
        <li>Rectification in Settings; complaint to your data protection authority.</li>
      </ul>
      <p>Contact: privacy@levqor.dev.</p>
    </>
  );
}
