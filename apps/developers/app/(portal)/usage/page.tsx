import { requireSession } from '@levqor/app-kit/guards';
import { PageHeader } from '@levqor/ui';
import { ApiUsageView } from '~/components/usage/api-usage-view';

export const metadata = { title: 'API usage' };

export default async function UsagePage() {
  await requireSession('/usage');
  return (
    <div className="stack">
      <PageHeader
        title="API usage"
        description="Every /api/v1 request of this workspace over the last 14 days: per day and key, and the errors by status."
      />
      <ApiUsageView days={14} />
    </div>
  );
}
