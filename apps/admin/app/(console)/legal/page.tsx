import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { formatDateTime, PageHeader } from '@levqor/ui';
import { PublishForm } from './publish-form';

export const metadata = { title: 'Terms versions' };

export default async function LegalPage() {
  const current = await (await getAdminCaller('/legal')).legal.current();
  return (
    <div className="stack">
      <PageHeader
        title="Terms of service and privacy policy"
        description="Publishing a version makes it current at once: every user accepts it at /legal/accept before the dashboard or portal, and API keys of workspaces whose owner has not accepted it within 30 days get 403."
      />
      <ul>
        {current.map((d) => (
          <li key={d.id}>
            {d.kind} version <strong>{d.version}</strong>, published{' '}
            {formatDateTime(d.publishedAt.toISOString())}
          </li>
        ))}
        {current.length === 0 ? <li>No version published yet: nobody is asked to accept anything.</li> : null}
      </ul>
      <PublishForm />
    </div>
  );
}
