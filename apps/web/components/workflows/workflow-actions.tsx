'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../api-error';
import type { Workflow } from '../api-types';
import { ConfirmButton } from '../confirm-button';
import { useInvalidate } from '../use-invalidate';

/** Publish the latest version (also restores an archived workflow) and archive with confirmation. */
export function WorkflowActions({ workflow }: { workflow: Workflow }) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const publish = useMutation(
    trpc.workflows.publish.mutationOptions({ onSuccess: () => invalidate('workflows') }),
  );
  const archive = useMutation(trpc.workflows.archive.mutationOptions());
  const upToDate = workflow.status === 'published' && workflow.published_version === workflow.version;

  return (
    <div className="stack" style={{ gap: 8, alignItems: 'flex-end' }}>
      <div className="row">
        <Button
          disabled={upToDate || publish.isPending}
          title={upToDate ? `Version ${workflow.version} is already published` : undefined}
          onClick={() => publish.mutate({ id: workflow.id })}
        >
          {publish.isPending
            ? 'Publishing…'
            : upToDate
              ? `v${workflow.version} is published`
              : workflow.status === 'archived'
                ? `Restore & publish v${workflow.version}`
                : `Publish v${workflow.version}`}
        </Button>
        {workflow.status !== 'archived' && (
          <ConfirmButton
            label="Archive"
            title={`Archive "${workflow.name}"?`}
            confirmLabel="Archive"
            action={async () => {
              await archive.mutateAsync({ id: workflow.id });
              await invalidate('workflows');
            }}
          >
            <p>
              An archived workflow accepts no new jobs; jobs already running finish normally. You can publish
              it again later.
            </p>
          </ConfirmButton>
        )}
      </div>
      {publish.error && <Alert kind="error">{errorMessage(publish.error)}</Alert>}
    </div>
  );
}
