import { getServerCaller } from '@levqor/app-kit/server-caller';
import { PageHeader } from '@levqor/ui';
import { ProfileForm } from './profile-form';
import { WorkspaceForm } from './workspace-form';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const me = await (await getServerCaller()).me.get();
  return (
    <div className="stack">
      <PageHeader title="Settings" description="Your profile and your workspace." />
      <div className="grid-2">
        <ProfileForm initialName={me.name ?? ''} email={me.email} />
        <WorkspaceForm initialName={me.workspace.name} canEdit={me.membershipRole === 'owner'} />
      </div>
    </div>
  );
}
