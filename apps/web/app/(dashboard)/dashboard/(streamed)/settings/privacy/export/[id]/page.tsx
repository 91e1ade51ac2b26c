import { requireSession } from '@levqor/app-kit/guards';
import { PageHeader } from '@levqor/ui';
import { DownloadForm } from './download-form';

export const metadata = { title: 'Download your export' };

export default async function ExportDownloadPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const { id } = await params;
  await requireSession(`/dashboard/settings/privacy/export/${id}`);
  const { error } = await searchParams;
  return (
    <div className="stack">
      <PageHeader
        title="Download your data export"
        description="For your protection, the download needs a 6-digit code we email you: valid 15 minutes, 5 tries."
      />
      <DownloadForm requestId={id} error={typeof error === 'string' ? error.slice(0, 300) : null} />
    </div>
  );
}
