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
        description="Add steps with the buttons and fill in their fields, or switch to JSON to edit the list directly."
      />
      <WorkflowForm />
    </div>
  );
}
