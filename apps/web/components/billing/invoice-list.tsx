'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Button, Cents, DataTable } from '@levqor/ui';
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
  return (
    <div className="stack">
      <DataTable
        label="Invoices"
        testId="invoices"
        empty="No invoices yet"
        emptyDetail="Invoices appear here once you subscribe."
        rows={page.invoices}
        rowKey={(i) => i.id}
        columns={[
          { header: 'Number', cell: (i) => i.number ?? i.id },
          { header: 'Date', cell: (i) => new Date(i.created).toISOString().slice(0, 10) },
          { header: 'Amount', numeric: true, cell: (i) => <Cents value={i.amountCents} /> },
          { header: 'Status', cell: (i) => i.status },
          { header: 'Invoice', cell: (i) => (i.hostedUrl ? <a href={i.hostedUrl}>View</a> : '—') },
        ]}
      />
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
