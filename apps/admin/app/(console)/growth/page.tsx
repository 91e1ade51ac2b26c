import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Card, EmptyState, PageHeader, TableScroll } from '@levqor/ui';
import { FunnelChart, RetentionChart } from '~/components/growth-charts';

export const metadata = { title: 'Growth' };

const day = (d: Date) => d.toISOString().slice(0, 10);
const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

export default async function GrowthPage() {
  const caller = await getAdminCaller('/growth');
  const now = new Date();
  const from = day(new Date(now.getTime() - 90 * 86_400_000));
  const [funnel, cohorts] = await Promise.all([
    caller.admin.growth.funnel({ from, to: day(now) }),
    caller.admin.growth.cohorts({ to: day(now), weeks: 8 }),
  ]);
  return (
    <div className="stack">
      <PageHeader
        title="Growth"
        description="From recorded signups, plans and the five-minute job rollups. Users who object to analytics are left out of every figure."
      />
      <Card title={`Funnel: users who signed up since ${from}`}>
        <FunnelChart steps={funnel} />
      </Card>
      <Card title="Weekly cohort retention (active = ran a job that week)">
        {cohorts.length === 0 ? (
          <EmptyState title="No signups in the last 8 weeks" />
        ) : (
          <>
            <RetentionChart rows={cohorts} />
            <TableScroll label="Cohort triangle (scrolls sideways)">
              <table className="table" data-testid="cohort-table" aria-label="Cohort triangle">
                <thead>
                  <tr>
                    <th>Signup week</th>
                    <th>Users</th>
                    {cohorts[0]!.retention.map((_, k) => (
                      <th key={k}>Week {k}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {cohorts.map((c) => (
                    <tr key={c.cohort}>
                      <td>{c.cohort}</td>
                      <td>{c.size}</td>
                      {c.retention.map((r, k) => (
                        <td key={k}>{pct(r)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </>
        )}
      </Card>
    </div>
  );
}
