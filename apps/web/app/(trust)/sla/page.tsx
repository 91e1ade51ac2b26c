import { SLA_CLAIM_WINDOW_DAYS, SLA_CREDIT_TIERS, SLA_SERVICES, SLA_TARGET } from '@levqor/core';
import Link from 'next/link';

export const metadata = { title: 'Service level agreement' };

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** Generated from the constants the claim code applies (packages/core/src/status/sla-policy.ts). */
export default function SlaPage() {
  return (
    <>
      <h1>Service level agreement</h1>
      <p>
        Levqor aims for {pct(SLA_TARGET)} monthly availability of the dashboard, the REST API and the database
        they share, measured from the health checks it records every minute and shown on the{' '}
        <Link href="/status">status page</Link>.
      </p>
      <h2>How availability is measured</h2>
      <p>
        Every minute Levqor's engine records a health check of each covered service ({SLA_SERVICES.join(', ')}
        ): the dashboard's readiness endpoint and the API's <code>/health</code> must answer 2xx within 5
        seconds, the database must answer a query. A minute is <em>measured</em> when at least one such check
        was recorded in it, and <em>up</em> when every check recorded in it passed. Monthly availability is up
        minutes divided by measured minutes, per calendar month in UTC. Minutes in which no check was recorded
        are not counted either way; days without any check are shown as "no data" on the status page. Job
        workers are shown on the status page but are not part of this figure.
      </p>
      <h2>Service credits</h2>
      <table>
        <thead>
          <tr>
            <th>Monthly availability</th>
            <th>Service credit</th>
          </tr>
        </thead>
        <tbody>
          {[...SLA_CREDIT_TIERS].reverse().map((t) => (
            <tr key={t.below}>
              <td>below {pct(t.below)}</td>
              <td>{t.percent}% of that month's subscription fee</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        The fee is the monthly price of the plan of the workspace's paid Stripe subscription in force that
        month (trials and the Free plan pay no fee, so earn no credit; Enterprise credits follow the
        contract).
      </p>
      <h2>Claims</h2>
      <p>
        The workspace owner files a claim on the dashboard's SLA page, which shows the measured availability
        of each month and the credit it computes. Claims open when the month ends and close{' '}
        {SLA_CLAIM_WINDOW_DAYS} days later; one claim per workspace and month. An administrator decides each
        claim: an approved credit is recorded and, when the workspace pays through Stripe, added to its
        customer balance, which reduces the next invoice; a rejected claim is explained to the owner by email.
      </p>
    </>
  );
}
