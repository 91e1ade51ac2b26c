import { getSignedInCaller } from '@levqor/app-kit/server-caller';
import { Card, PageHeader } from '@levqor/ui';
import Link from 'next/link';
import { BudgetForm } from '~/components/usage/budget-form';
import { ProfileForm } from './profile-form';
import { WorkspaceForm } from './workspace-form';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const trpc = await getSignedInCaller('/dashboard/settings');
  const [me, usage] = await Promise.all([trpc.me.get(), trpc.usage.summary()]);
  const owner = me.membershipRole === 'owner';
  return (
    <div className="stack">
      <PageHeader title="Settings" description="Your profile, your workspace and its monthly budget." />
      <div className="grid-2">
        <ProfileForm initialName={me.name ?? ''} email={me.email} />
        <WorkspaceForm initialName={me.workspace.name} canEdit={owner} />
        <BudgetForm budgetCents={usage.budget_cents} canEdit={owner} />
        <Card title="Privacy and email">
          <ul>
            <li>
              <Link href="/dashboard/settings/privacy">Privacy and your data</Link>: export, objections,
              deletion
            </li>
            <li>
              <Link href="/dashboard/settings/marketing">Marketing email</Link>: subscribe or unsubscribe
            </li>
          </ul>
        </Card>
      </div>
    </div>
  );
}
