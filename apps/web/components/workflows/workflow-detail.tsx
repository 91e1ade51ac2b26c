'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { PageHeader, StatusBadge } from '@levqor/ui';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { jobsHref } from '../links';
import { QueryState } from '../query-state';
import { RunPanel } from './run-panel';
import { VersionHistory } from './version-history';
import { WorkflowActions } from './workflow-actions';
import { WorkflowForm } from './workflow-form';

/** One workflow: its status and actions, the editor, and the run panel. */
export function WorkflowDetail({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.workflows.get.queryOptions({ id: slug }));

  return (
    <QueryState
      query={query}
      lines={8}
      notFound={
        <p>
          No workflow <code>{slug}</code> in this workspace.{' '}
          <Link href="/dashboard/workflows">See all workflows</Link>.
        </p>
      }
    >
      {(wf) => (
        <div className="stack">
          <PageHeader
            title={
              <span className="row" style={{ gap: 10 }}>
                {wf.name} <StatusBadge status={wf.status} testId="workflow-status" />
              </span>
            }
            description={
              <>
                <code>{wf.slug}</code> · version {wf.version} ·{' '}
                {wf.published_version === null
                  ? 'not published'
                  : `published version ${wf.published_version}`}{' '}
                · <Link href={jobsHref({ workflow: wf.slug })}>its jobs</Link>
              </>
            }
            actions={<WorkflowActions workflow={wf} />}
          />
          <div className="main-aside">
            <WorkflowForm key={wf.id} workflow={wf} />
            <RunPanel workflow={wf} />
          </div>
          <VersionHistory key={`${wf.id}-${wf.version}`} workflow={wf} />
        </div>
      )}
    </QueryState>
  );
}
