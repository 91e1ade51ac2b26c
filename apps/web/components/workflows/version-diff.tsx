'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Badge, formatJson, TableScroll } from '@levqor/ui';
import { useQuery } from '@tanstack/react-query';
import { QueryState } from '../query-state';

const TONE = {
  added: 'ok',
  removed: 'danger',
  changed: 'warn',
  moved: 'accent',
  unchanged: undefined,
} as const;

const show = (v: unknown) => (v === undefined ? '(not set)' : typeof v === 'string' ? v : formatJson(v));

/** What changed from version `from` to `to`: each step added, removed, moved or changed (field by field). */
export function VersionDiff({ workflowId, from, to }: { workflowId: string; from: number; to: number }) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.workflows.diff.queryOptions({ id: workflowId, from, to }));
  if (from === to) return <p className="muted">Choose two different versions to compare.</p>;
  return (
    <QueryState query={diff}>
      {(d) => {
        const changed = d.steps.filter((s) => s.change !== 'unchanged');
        const same = d.steps.length - changed.length;
        return (
          <div className="stack" style={{ gap: 8 }} data-testid="version-diff">
            <p style={{ margin: 0 }}>
              From v{d.from} to v{d.to}:{' '}
              {changed.length === 0
                ? 'the steps are identical.'
                : `${changed.length} step${changed.length === 1 ? '' : 's'} differ`}
              {same > 0 && changed.length > 0 && `, ${same} unchanged`}
              {changed.length > 0 && '.'}
            </p>
            <ul className="diff-list" aria-label={`Changes from v${d.from} to v${d.to}`}>
              {changed.map((s) => (
                <li key={`${s.id}-${s.change}`} data-testid={`diff-${s.id}`} data-change={s.change}>
                  <div className="row" style={{ gap: 8 }}>
                    <Badge tone={TONE[s.change]}>{s.change}</Badge>
                    <strong>{s.id}</strong> <Badge>{s.type}</Badge>
                    <span className="faint">
                      {s.from_position === null
                        ? `at position ${s.to_position}`
                        : s.to_position === null
                          ? `was at position ${s.from_position}`
                          : s.from_position !== s.to_position
                            ? `position ${s.from_position} → ${s.to_position}`
                            : `position ${s.to_position}`}
                    </span>
                  </div>
                  {s.fields.length > 0 && (
                    <TableScroll
                      label={`Fields of ${s.id} that changed (scrolls sideways)`}
                      style={{ marginTop: 6 }}
                    >
                      <table className="table table-compact" aria-label={`Fields of ${s.id} that changed`}>
                        <thead>
                          <tr>
                            <th>Field</th>
                            <th>v{d.from}</th>
                            <th>v{d.to}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {s.fields.map((f) => (
                            <tr key={f.field}>
                              <td>
                                <code>{f.field}</code>
                              </td>
                              <td>
                                <pre className="diff-before">{show(f.before)}</pre>
                              </td>
                              <td>
                                <pre className="diff-after">{show(f.after)}</pre>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </TableScroll>
                  )}
                </li>
              ))}
            </ul>
          </div>
        );
      }}
    </QueryState>
  );
}
