import { requireDevMailboxAccess } from '@levqor/app-kit/dev-mailbox-access';
import { getServerCaller } from '@levqor/app-kit/server-caller';
import { EmptyState, PageHeader } from '@levqor/ui';
import Link from 'next/link';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Dev mailbox' };

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  await requireDevMailboxAccess();
  const { cursor } = await searchParams;
  const page = await (await getServerCaller()).devMailbox.list({ cursor: cursor ?? null, limit: 50 });
  return (
    <div className="public stack">
      <PageHeader
        title="Dev mailbox"
        description="Every email Levqor sends while no mail provider is configured lands here."
        actions={<Link href="/dev/mailbox">Refresh</Link>}
      />
      {page.items.length === 0 ? (
        <div className="card">
          <EmptyState title="No messages yet">
            <p>Request a sign-in link and it will appear here.</p>
          </EmptyState>
        </div>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>To</th>
              <th>Subject</th>
              <th>Received</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((m) => (
              <tr key={m.id}>
                <td>{m.to}</td>
                <td>
                  <Link href={`/dev/mailbox/${m.id}`}>{m.subject}</Link>
                </td>
                <td>{m.createdAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.nextCursor && <Link href={`/dev/mailbox?cursor=${page.nextCursor}`}>Older messages →</Link>}
    </div>
  );
}
