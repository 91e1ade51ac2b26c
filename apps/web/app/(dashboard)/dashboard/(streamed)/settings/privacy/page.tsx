import { getSignedInCaller } from '@levqor/app-kit/server-caller';
import { PageHeader } from '@levqor/ui';
import { DeleteCard } from './delete-card';
import { ExportCard } from './export-card';
import { ObjectionsCard } from './objections-card';

export const metadata = { title: 'Privacy' };

export default async function PrivacyPage() {
  const trpc = await getSignedInCaller('/dashboard/settings/privacy');
  const overview = await trpc.privacy.overview();
  return (
    <div className="stack">
      <PageHeader
        title="Privacy and your data"
        description="Get a copy of your data, object to uses of it, or have it deleted. Every request is recorded with its legal deadline."
      />
      <ExportCard requests={overview.requests.filter((r) => r.kind === 'export')} />
      <ObjectionsCard purposes={overview.purposes} objections={overview.objections} />
      <DeleteCard requests={overview.requests.filter((r) => r.kind === 'erasure')} />
    </div>
  );
}
