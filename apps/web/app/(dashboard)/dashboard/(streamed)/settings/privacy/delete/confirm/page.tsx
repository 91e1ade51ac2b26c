import { requireSession } from '@levqor/app-kit/guards';
import { PageHeader } from '@levqor/ui';
import { ConfirmDeletion } from './confirm-deletion';

export const metadata = { title: 'Confirm deletion' };

export default async function ConfirmDeletionPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  await requireSession('/dashboard/settings/privacy');
  return (
    <div className="stack">
      <PageHeader title="Confirm the deletion of your data" />
      <ConfirmDeletion token={typeof token === 'string' ? token : ''} />
    </div>
  );
}
