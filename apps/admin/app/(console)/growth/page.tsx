import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Card, DataTable, EmptyState, PageHeader } from '@levqor/ui';
import { FunnelChart, RetentionChart } from '~/components/growth-charts';

export const metadata = { title: 'Growth' };

const day = (d: Date) => d.toISOString().slice(0, 10);
const pct = (v: number | undefined) => (v === undefined ? '' : `${Math.round(v * 1000) / 10}%`);

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
            <DataTable
              label="Cohort triangle"
              testId="cohort-table"
              empty="No signups in the last 8 weeks"
              rows={cohorts}
              rowKey={(c) => c.cohort}
              columns={[
                { header: 'Signup week', cell: (c) => c.cohort },
                { header: 'Users', numeric: true, cell: (c) => c.size },
                ...cohorts[0]!.retention.map((_, k) => ({
                  header: `Week ${k}`,
                  numeric: true,
                  cell: (c: (typeof cohorts)[number]) => pct(c.retention[k]),
                })),
              ]}
            />
          </>
        )}
      </Card>
    </div>
  );
}
