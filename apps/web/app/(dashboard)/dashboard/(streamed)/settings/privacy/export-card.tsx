'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Card, EmptyState, formatDateTime, TableScroll } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

interface Req {
  id: string;
  status: string;
  requestedAt: Date;
  dueAt: Date;
  delivery: string | null;
  archiveBytes: number | null;
  downloadedAt: Date | null;
  purgedAt: Date | null;
}

export function ExportCard({ requests }: { requests: Req[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const request = useMutation(
    trpc.privacy.requestExport.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <Card title="Export your data">
      <p className="muted">
        A ZIP with one JSON file per category (account, workspaces, workflows, jobs, keys, webhooks, usage,
        consents, terms, security events, billing) and a README explaining each. We email it to you: attached
        up to 5 MB, otherwise a download link that needs a one-time code. One request per 24 hours.
      </p>
      <div>
        <Button onClick={() => request.mutate(undefined)} disabled={request.isPending}>
          {request.isPending ? 'Requesting…' : 'Request my data export'}
        </Button>
      </div>
      {request.isSuccess ? (
        <Alert kind="ok">Requested. The export will arrive by email shortly.</Alert>
      ) : null}
      {request.error ? <Alert kind="error">{errorMessage(request.error)}</Alert> : null}
      {requests.length === 0 ? (
        <EmptyState title="No exports yet" />
      ) : (
        <TableScroll label="Export requests">
          <table>
            <thead>
              <tr>
                <th>Requested</th>
                <th>Status</th>
                <th>Due by</th>
                <th>Delivery</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(new Date(r.requestedAt).toISOString())}</td>
                  <td>{r.purgedAt ? 'purged' : r.status}</td>
                  <td>{formatDateTime(new Date(r.dueAt).toISOString())}</td>
                  <td>{r.delivery ?? '—'}</td>
                  <td>
                    {r.delivery === 'link' && !r.purgedAt ? (
                      <Link href={`/dashboard/settings/privacy/export/${r.id}`}>Download</Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Card>
  );
}
