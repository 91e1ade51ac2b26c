'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Badge, Card, Field, formatDateTime, Select, TableScroll } from '@levqor/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Workflow } from '../api-types';
import { ConfirmButton } from '../confirm-button';
import { QueryState } from '../query-state';
import { useInvalidate } from '../use-invalidate';
import { VersionDiff } from './version-diff';

/**
 * Every saved version, newest first: which one new jobs run, a diff between any two, and "Publish this
 * version again" to roll back to an earlier one.
 */
export function VersionHistory({ workflow }: { workflow: Workflow }) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const versions = useQuery(trpc.workflows.versions.queryOptions({ id: workflow.id }));
  const publish = useMutation(trpc.workflows.publish.mutationOptions());
  const [to, setTo] = useState(workflow.version);
  const [from, setFrom] = useState(Math.max(1, workflow.version - 1));

  return (
    <Card title="Version history">
      <QueryState query={versions}>
        {(list) => (
          <div className="stack">
            <TableScroll label="Versions (scrolls sideways)">
              <table className="table" aria-label="Versions">
                <thead>
                  <tr>
                    <th>Version</th>
                    <th>Saved</th>
                    <th>Steps</th>
                    <th>Published</th>
                    <th>
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((v) => (
                    <tr key={v.version} data-testid={`version-row-${v.version}`}>
                      <td className="nowrap">
                        <strong>v{v.version}</strong> {v.current && <Badge tone="ok">runs new jobs</Badge>}{' '}
                        {v.latest && <Badge>latest</Badge>}
                      </td>
                      <td className="nowrap">{formatDateTime(v.created_at)}</td>
                      <td className="cell-wrap">
                        {v.steps}: <code>{v.step_ids.join(', ')}</code>
                      </td>
                      <td className="nowrap">{v.published_at ? formatDateTime(v.published_at) : 'never'}</td>
                      <td className="nowrap">
                        {!v.current && workflow.status !== 'archived' && (
                          <ConfirmButton
                            label={v.published_at ? 'Publish this version again' : 'Publish this version'}
                            title={`Publish version ${v.version}?`}
                            confirmLabel={`Publish v${v.version}`}
                            danger={false}
                            buttonClassName="btn-sm"
                            action={async () => {
                              await publish.mutateAsync({ id: workflow.id, version: v.version });
                              await invalidate('workflows');
                            }}
                          >
                            <p style={{ margin: 0 }}>
                              New jobs will run version {v.version}
                              {workflow.published_version !== null
                                ? ` instead of version ${workflow.published_version}`
                                : ''}
                              . Jobs already running keep their version. The editor keeps showing the latest
                              version ({workflow.version}).
                            </p>
                          </ConfirmButton>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {list.length > 1 && (
              <div className="stack" style={{ gap: 10 }}>
                <h3 style={{ margin: 0 }}>Compare versions</h3>
                <div className="toolbar">
                  <Field label="From" htmlFor="diff-from">
                    <Select id="diff-from" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
                      {list.map((v) => (
                        <option key={v.version} value={v.version}>
                          v{v.version}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Field label="To" htmlFor="diff-to">
                    <Select id="diff-to" value={to} onChange={(e) => setTo(Number(e.target.value))}>
                      {list.map((v) => (
                        <option key={v.version} value={v.version}>
                          v{v.version}
                        </option>
                      ))}
                    </Select>
                  </Field>
                </div>
                <VersionDiff workflowId={workflow.id} from={from} to={to} />
              </div>
            )}
          </div>
        )}
      </QueryState>
    </Card>
  );
}
