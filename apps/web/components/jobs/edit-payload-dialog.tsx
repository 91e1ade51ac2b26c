'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Field, Modal, Select, Textarea } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { errorMessage } from '../api-error';
import type { JobDetail } from '../api-types';
import { parseJson, prettyJson } from '../json-text';
import { jobHref } from '../links';
import { useInvalidate } from '../use-invalidate';
import { maxFromStep, stepLabel } from './replay-steps';

/**
 * "Rerun with edited payload…": the payload in a JSON editor (validated as typed), where to start
 * (step 1, or a later step whose predecessors reuse this job's outputs), then a confirmed submission
 * of a new linked job.
 */
export function EditPayloadDialog({ job, onClose }: { job: JobDetail; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidate();
  const [text, setText] = useState(() => prettyJson(job.payload));
  const [from, setFrom] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const parsed = useMemo(() => parseJson(text), [text]);
  const replay = useMutation(trpc.jobs.replay.mutationOptions());
  const positions = Array.from({ length: maxFromStep(job) + 1 }, (_, i) => i);

  async function submit() {
    if (!parsed.ok) return;
    try {
      const next = await replay.mutateAsync({ id: job.id, from_step: from, payload: parsed.value });
      await invalidate('jobs', 'usage');
      router.push(jobHref(next.id));
    } catch {
      setConfirming(false); // the error shows in the editor
    }
  }

  return (
    <Modal
      open
      wide
      title={confirming ? 'Submit a new job with this payload?' : `Rerun ${job.id} with an edited payload`}
      onDismiss={() => !replay.isPending && onClose()}
      actions={
        confirming ? (
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={replay.isPending}>
              Back to the editor
            </Button>
            <Button onClick={submit} disabled={replay.isPending} autoFocus>
              {replay.isPending ? 'Submitting…' : 'Submit new job'}
            </Button>
          </>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={() => setConfirming(true)} disabled={!parsed.ok}>
              Review…
            </Button>
          </>
        )
      }
    >
      {confirming ? (
        <p className="muted">
          A new job of <strong>{job.workflow}</strong> runs with the edited payload, starting at{' '}
          {stepLabel(job, from)}
          {from > 0
            ? `; steps before it reuse the outputs recorded in ${job.id} (computed from the old payload) and are not charged.`
            : '; every step runs again.'}{' '}
          It is checked against your budget like any submission.
        </p>
      ) : (
        <>
          <Field label="Payload (JSON)" htmlFor="replay-payload" error={parsed.ok ? null : parsed.error}>
            <Textarea
              id="replay-payload"
              rows={12}
              value={text}
              spellCheck={false}
              aria-invalid={!parsed.ok}
              onChange={(e) => setText(e.target.value)}
            />
          </Field>
          <Field
            label="Start from"
            htmlFor="replay-from"
            hint="Later starts reuse this job's recorded outputs for the steps before (they were computed from the old payload)."
          >
            <Select id="replay-from" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
              {positions.map((p) => (
                <option key={p} value={p}>
                  {p === 0 ? `${stepLabel(job, 0)} — run every step` : stepLabel(job, p)}
                </option>
              ))}
            </Select>
          </Field>
        </>
      )}
      {replay.error && <Alert kind="error">{errorMessage(replay.error)}</Alert>}
    </Modal>
  );
}
