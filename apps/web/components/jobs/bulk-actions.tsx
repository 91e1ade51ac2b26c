'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, ConfirmDialog } from '@levqor/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api-error';
import { useInvalidate } from '../use-invalidate';
import type { JobQuery } from './job-table';
import type { JobSelection } from './use-job-selection';

/** The most jobs one bulk request acts on (the API refuses more). */
export const BULK_LIMIT = 500;

type Action = 'cancel' | 'rerun';
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * Above the runs list while rows are selected: "select all N matching this filter", then Cancel or
 * Rerun the selection — each confirmed with its count — and a summary of what happened.
 */
export function BulkActions({ filters, selection }: { filters: JobQuery; selection: JobSelection }) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [summary, setSummary] = useState<{ kind: 'ok' | 'info'; text: string } | null>(null);
  const { status, ...others } = filters;
  const counts = useQuery(trpc.jobs.counts.queryOptions(others));
  const matching = counts.data ? (status ? counts.data.counts[status] : counts.data.total) : undefined;
  const cancel = useMutation(trpc.jobs.bulkCancel.mutationOptions());
  const rerun = useMutation(trpc.jobs.bulkRerun.mutationOptions());
  const pending = cancel.isPending || rerun.isPending;
  const error = cancel.error ?? rerun.error;

  const count = selection.all ? (matching ?? 0) : selection.ids.size;
  const tooMany = selection.all && count > BULK_LIMIT;
  const target = selection.all ? { filter: filters } : { ids: [...selection.ids] };

  async function run(action: Action) {
    try {
      if (action === 'cancel') {
        const r = await cancel.mutateAsync(target);
        setSummary({
          kind: 'ok',
          text: `Cancelled ${plural(r.cancelled.length, 'job')}; skipped ${r.skipped.length} already finished${r.not_found.length ? `; ${r.not_found.length} not found` : ''}.`,
        });
      } else {
        const r = await rerun.mutateAsync(target);
        const refused = r.refused.length
          ? `; ${r.refused.length} refused (${[...new Set(r.refused.map((x) => x.detail))].slice(0, 2).join(' ')})`
          : '';
        setSummary({
          kind: r.refused.length ? 'info' : 'ok',
          text: `Submitted ${plural(r.rerun.length, 'rerun')}; skipped ${r.skipped.length} (still running or succeeded)${refused}.`,
        });
      }
      selection.clear();
      setConfirming(null);
      await invalidate('jobs', 'usage');
    } catch {
      // shown in the dialog from the mutation's error
    }
  }

  const active = selection.all || selection.ids.size > 0;
  return (
    <div className="stack" style={{ gap: 8 }}>
      {summary && (
        <Alert kind={summary.kind}>
          <span data-testid="bulk-summary">{summary.text}</span>
        </Alert>
      )}
      {active && (
        <div className="row" role="toolbar" aria-label="Bulk actions" style={{ flexWrap: 'wrap', gap: 10 }}>
          <strong data-testid="bulk-count">
            {selection.all
              ? `All ${matching === undefined ? '…' : plural(matching, 'job')} matching this filter selected`
              : `${plural(selection.ids.size, 'job')} selected`}
          </strong>
          {!selection.all && matching !== undefined && matching > selection.ids.size && (
            <Button variant="secondary" className="btn-sm" onClick={selection.selectAll}>
              Select all {matching.toLocaleString('en-US')} matching this filter
            </Button>
          )}
          <Button variant="secondary" className="btn-sm" onClick={selection.clear}>
            Clear selection
          </Button>
          <Button
            variant="danger"
            className="btn-sm"
            disabled={tooMany || count === 0}
            onClick={() => setConfirming('cancel')}
          >
            Cancel jobs…
          </Button>
          <Button className="btn-sm" disabled={tooMany || count === 0} onClick={() => setConfirming('rerun')}>
            Rerun jobs…
          </Button>
          {tooMany && (
            <span className="field-error">
              At most {BULK_LIMIT} jobs per bulk action: narrow the filter (status, workflow, dates).
            </span>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming === 'cancel' ? `Cancel ${plural(count, 'job')}?` : `Rerun ${plural(count, 'job')}?`}
        confirmLabel={confirming === 'cancel' ? 'Cancel jobs' : 'Rerun jobs'}
        pendingLabel={confirming === 'cancel' ? 'Cancelling…' : 'Submitting…'}
        danger={confirming === 'cancel'}
        pending={pending}
        onConfirm={() => confirming && run(confirming)}
        onCancel={() => {
          setConfirming(null);
          cancel.reset();
          rerun.reset();
        }}
      >
        {confirming === 'cancel' ? (
          <p>
            Queued and running jobs stop before their next step and release their unspent reservation. Jobs
            that already finished are skipped. This cannot be undone.
          </p>
        ) : (
          <p>
            Each failed or cancelled job is submitted again as a new job starting at the step that failed;
            earlier steps reuse their recorded outputs and are not charged. Running and succeeded jobs are
            skipped. Every rerun is checked against your budget.
          </p>
        )}
        {error && (
          <p className="field-error" role="alert">
            {errorMessage(error)}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
