import { PageHeader } from '@levqor/ui';
import { BackLink } from '~/components/back-link';
import { WorkflowForm } from '~/components/workflows/workflow-form';

export const metadata = { title: 'New workflow' };

export default function NewWorkflowPage() {
  return (
    <div className="stack" style={{ gap: 8 }}>
      <BackLink href="/dashboard/workflows">Workflows</BackLink>
      <PageHeader
        title="New workflow"
        description="Define the steps as JSON; the buttons add a template of each step type."
      />
      <WorkflowForm />
    </div>
  );
}
