import { PageHeader } from '@levqor/ui';
import Link from 'next/link';
import { UsageOverview } from '~/components/usage/usage-overview';

export const metadata = { title: 'Usage' };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** "2025-03" shifted by `delta` months. */
function shift(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1 + delta, 1)).toISOString().slice(0, 7);
}

export default async function UsagePage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const current = new Date().toISOString().slice(0, 7);
  const asked = (await searchParams).month;
  const month = asked && MONTH.test(asked) && asked <= current ? asked : current;
  return (
    <div className="stack">
      <PageHeader
        title="Usage"
        description={month === current ? 'Month to date, in UTC.' : `The month of ${month}, in UTC.`}
        actions={
          <nav className="row" aria-label="Month">
            <Link href={`/dashboard/usage?month=${shift(month, -1)}`}>← {shift(month, -1)}</Link>
            <strong>{month}</strong>
            {month < current && (
              <Link href={`/dashboard/usage?month=${shift(month, 1)}`}>{shift(month, 1)} →</Link>
            )}
          </nav>
        }
      />
      <UsageOverview key={month} month={month} />
    </div>
  );
}
