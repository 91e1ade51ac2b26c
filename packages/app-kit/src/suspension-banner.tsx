import 'server-only';
import { Alert } from '@levqor/ui';
import { getServerCaller } from './server-caller';

/**
 * The banner of a suspended workspace (dashboard and developer portal): why, and the way out — for an
 * unpaid invoice the billing page, where the owner updates the payment method (restored at once on
 * payment); for a suspension by Levqor's team, support (the team's reason is an internal note).
 */
export async function SuspensionBanner({ billingUrl }: { billingUrl: string }) {
  const status = await (await getServerCaller()).billing.status().catch(() => null);
  if (!status?.suspended) return null;
  return (
    <div data-testid="suspension-banner">
      {status.suspended.cause === 'unpaid' ? (
        <Alert kind="error">
          <strong>This workspace is suspended</strong>: an invoice is unpaid, so new jobs are refused (jobs
          already running finish; your data is kept for 30 days).{' '}
          {status.role === 'owner' ? (
            <>
              <a href={billingUrl}>Update your payment method under Billing</a> and it is restored at once.
            </>
          ) : (
            <>Ask the workspace owner to update the payment method under Billing.</>
          )}
        </Alert>
      ) : (
        <Alert kind="error">
          <strong>This workspace is suspended</strong> by Levqor&apos;s team, so new jobs are refused (jobs
          already running finish; your data is kept). Write to{' '}
          <a href="mailto:support@levqor.dev">support@levqor.dev</a> to find out why and to have it restored.
        </Alert>
      )}
    </div>
  );
}
