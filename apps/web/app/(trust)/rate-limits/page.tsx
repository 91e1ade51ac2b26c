import { rateLimitConfig } from '@levqor/app-kit/server/rate-rules';
import { PLANS, signInLimits } from '@levqor/core';

export const metadata = { title: 'Rate limits' };

const per = (ms: number) => (ms >= 3_600_000 ? `${ms / 3_600_000} h` : `${ms / 60_000} min`);

/** Generated from the limit rules the servers apply (packages/app-kit rate-rules, packages/core sign-in limits). */
export default function RateLimitsPage() {
  const app = rateLimitConfig();
  const signIn = signInLimits();
  const rows: [string, string][] = [
    [
      'REST API, per API key',
      `requests per minute by plan — ${Object.values(PLANS)
        .map((p) => `${p.name} ${p.apiRequestsPerMin.toLocaleString('en-US')}`)
        .join(', ')}; a workspace may set a key lower (429 + Retry-After)`,
    ],
    [
      'Dashboard and portal calls (tRPC), per signed-in user',
      `${app.trpcQueriesPerMin} reads and ${app.trpcMutationsPerMin} changes per minute`,
    ],
    ['Account, billing, legal and marketing pages, per address', `${app.protectedPerIp} requests per minute`],
    [
      'Consent choices, analytics events and one-click unsubscribes, per address',
      `${app.publicWritesPerIp} per minute`,
    ],
    ['Sign-in links, per address', `${signIn.linksPerIp.limit} per ${per(signIn.linksPerIp.windowMs)}`],
    [
      'Sign-in links for one email from one address',
      `${signIn.linksPerEmailAndIp.limit} per ${per(signIn.linksPerEmailAndIp.windowMs)}`,
    ],
    [
      'Wrong or expired sign-in links, per address',
      `${signIn.failedLinksPerIp.limit} per ${per(signIn.failedLinksPerIp.windowMs)}`,
    ],
    ['Data exports, per user', '1 per 24 h'],
    ['Export download codes', '15 minutes, 5 tries each, 5 codes per export'],
  ];
  return (
    <>
      <h1>Rate limits</h1>
      <p>
        Limits are shared by every instance (Redis or PostgreSQL). A refusal answers 429 with Retry-After.
      </p>
      <table>
        <thead>
          <tr>
            <th>What</th>
            <th>Limit</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([what, limit]) => (
            <tr key={what}>
              <td>{what}</td>
              <td>{limit}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
