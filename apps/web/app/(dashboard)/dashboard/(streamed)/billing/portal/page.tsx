import { getSignedInCaller } from '@levqor/app-kit/server-caller';
import { Alert, PageHeader } from '@levqor/ui';
import Link from 'next/link';
import { redirect } from 'next/navigation';

export const metadata = { title: 'Manage billing' };
export const dynamic = 'force-dynamic';

/**
 * `/dashboard/billing/portal`: the link in billing emails (dunning, budget). After sign-in it opens a
 * Stripe Customer Portal session for the workspace and redirects there; when that is not possible (not
 * the owner, no billing account yet, billing off) it says why and links to the billing page.
 */
export default async function BillingPortalPage() {
  const trpc = await getSignedInCaller('/dashboard/billing/portal');
  let url: string;
  try {
    url = (await trpc.billing.portal()).url;
  } catch (error) {
    return (
      <div className="stack">
        <PageHeader title="Manage billing" description="The Stripe Customer Portal for your workspace." />
        <Alert kind="error">
          {error instanceof Error ? error.message : 'The billing portal could not be opened.'}
        </Alert>
        <p>
          <Link href="/dashboard/billing">Back to Billing</Link>
        </p>
      </div>
    );
  }
  redirect(url);
}
