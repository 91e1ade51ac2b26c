import { PageHeader } from '@levqor/ui';
import Link from 'next/link';
import { WorkflowForm } from '~/components/workflows/workflow-form';

export const metadata = { title: 'New workflow' };

export default function NewWorkflowPage() {
  return (
    <div className="stack">
      <PageHeader
        title="New workflow"
        description={
          <>
            Define the steps as JSON; use the buttons to add a template of each type.{' '}
            <Link href="/dashboard/workflows">Back to workflows</Link>
          </>
        }
      />
      <WorkflowForm />
    </div>
  );
}
