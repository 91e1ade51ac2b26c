'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Button, Cents, EmptyState, TableScroll } from '@levqor/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

interface Invoice {
  id: string;
  number: string | null;
  created: Date | string;
  amountCents: number;
  status: string | null;
  hostedUrl: string | null;
}

/** The customer's invoices, newest first, 10 a page (number, date, amount, status, hosted link). */
export function InvoiceList({ initial }: { initial: { invoices: Invoice[]; hasMore: boolean } }) {
  const trpc = useTRPC();
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const query = useQuery({
    ...trpc.billing.invoices.queryOptions({ cursor }),
    initialData: cursor ? undefined : (initial as never),
  });
  const page = (query.data ?? initial) as { invoices: Invoice[]; hasMore: boolean };
  if (query.isLoading) return <p>Loading invoices…</p>;
  if (page.invoices.length === 0)
    return <EmptyState title="No invoices yet">Invoices appear here once you subscribe.</EmptyState>;
  return (
    <div className="stack">
      <TableScroll label="Invoices">
        <table className="table" data-testid="invoices">
          <thead>
            <tr>
              <th>Number</th>
              <th>Date</th>
              <th>Amount</th>
              <th>Status</th>
              <th>Invoice</th>
            </tr>
          </thead>
          <tbody>
            {page.invoices.map((i) => (
              <tr key={i.id}>
                <td>{i.number ?? i.id}</td>
                <td>{new Date(i.created).toISOString().slice(0, 10)}</td>
                <td>
                  <Cents value={i.amountCents} />
                </td>
                <td>{i.status}</td>
                <td>{i.hostedUrl ? <a href={i.hostedUrl}>View</a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <div className="row">
        {cursors.length > 0 && (
          <Button variant="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer
          </Button>
        )}
        {page.hasMore && (
          <Button variant="secondary" onClick={() => setCursors([...cursors, page.invoices.at(-1)!.id])}>
            Older
          </Button>
        )}
      </div>
    </div>
  );
}
