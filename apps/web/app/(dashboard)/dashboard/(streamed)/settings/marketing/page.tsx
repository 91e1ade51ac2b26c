import { getSignedInCaller } from '@levqor/app-kit/server-caller';
import { PageHeader } from '@levqor/ui';
import { MarketingForm } from './marketing-form';

export const metadata = { title: 'Marketing email' };

export default async function MarketingPage() {
  const trpc = await getSignedInCaller('/dashboard/settings/marketing');
  const status = await trpc.marketing.status();
  return (
    <div className="stack">
      <PageHeader
        title="Marketing email"
        description="Levqor sends product news only to people who asked for it and confirmed by email."
      />
      <MarketingForm status={status.status} wording={status.wording} />
    </div>
  );
}
