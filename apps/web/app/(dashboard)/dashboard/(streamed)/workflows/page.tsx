import { buttonClass, PageHeader } from '@levqor/ui';
import Link from 'next/link';
import { WorkflowTable } from '~/components/workflows/workflow-table';

export const metadata = { title: 'Workflows' };

export default function WorkflowsPage() {
  return (
    <div className="stack">
      <PageHeader
        title="Workflows"
        description="Ordered steps a job runs. Each save makes a new version; jobs run the published one."
        actions={
          <Link className={buttonClass()} href="/dashboard/workflows/new">
            New workflow
          </Link>
        }
      />
      <WorkflowTable />
    </div>
  );
}
