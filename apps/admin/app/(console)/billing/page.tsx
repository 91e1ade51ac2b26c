import { getAdminCaller } from '@levqor/app-kit/server-caller';
import {
  Badge,
  Card,
  DataTable,
  FilterForm,
  formatCents,
  PageHeader,
  PageLinks,
  SeriesChart,
  Stat,
} from '@levqor/ui';
import { ReplayStripeEvent, WorkspaceBillingActions } from '~/components/billing-actions';
import { compact, utc } from '~/components/search-params';

export const metadata = { title: 'Billing' };

const STATES = ['processed', 'pending', 'failed'] as const;
type State = (typeof STATES)[number];
const STAGE_TONE = { suspended: 'danger', 'day 14': 'danger', 'day 7': 'warn' } as const;

type Search = Promise<{ page?: string; type?: string; state?: string; cursor?: string }>;

export default async function BillingPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const page = Math.max(0, Math.min(1_000, Number.parseInt(sp.page ?? '0', 10) || 0));
  const state = STATES.includes(sp.state as State) ? (sp.state as State) : undefined;
  const filters = compact({ type: sp.type?.trim(), state });
  const caller = await getAdminCaller('/billing');
  const [overview, attention, events] = await Promise.all([
    caller.admin.billing.overview(),
    caller.admin.billing.attention({ page, limit: 25 }),
    caller.admin.billing.stripeEvents({ type: filters.type, state, cursor: sp.cursor ?? null, limit: 25 }),
  ]);
  const here = (params: Record<string, string>) => `/billing?${new URLSearchParams(params)}`;
  return (
    <div className="stack">
      <PageHeader
        title="Billing"
        description="Revenue from the subscriptions Levqor stores, workspaces in dunning or suspended, and Stripe’s webhook events."
      />
      <div className="stats">
        <Stat label="MRR" value={formatCents(overview.mrrCents)} testId="billing-mrr" />
        <Stat label="Billed subscriptions" value={overview.billedSubscriptions.toLocaleString('en')} />
        <Stat label="Past due" value={overview.pastDue.toLocaleString('en')} />
        <Stat label="Suspended" value={overview.suspended.toLocaleString('en')} testId="billing-suspended" />
      </div>
      <Card title="Plan mix">
        <SeriesChart
          kind="bar"
          label="Workspaces per plan"
          testId="plan-mix-chart"
          format="count"
          categories={overview.mix.map((m) => m.plan)}
          series={[{ id: 'workspaces', label: 'Workspaces', values: overview.mix.map((m) => m.workspaces) }]}
        />
        <DataTable
          label="Plan mix"
          empty="No plans"
          rows={overview.mix}
          rowKey={(m) => m.plan}
          columns={[
            { header: 'Plan', cell: (m) => <Badge>{m.plan}</Badge> },
            { header: 'Workspaces', cell: (m) => m.workspaces.toLocaleString('en') },
            { header: 'Billed subscriptions', cell: (m) => m.subscriptions.toLocaleString('en') },
            {
              header: 'MRR',
              cell: (m) => (m.plan === 'enterprise' ? 'by contract' : formatCents(m.mrrCents)),
            },
          ]}
        />
      </Card>
      <Card title="Past due and suspended">
        <DataTable
          label="Workspaces needing billing attention"
          testId="billing-attention"
          empty="No workspace is past due, in dunning or suspended"
          rows={attention.items}
          rowKey={(w) => w.workspaceId}
          columns={[
            {
              header: 'Workspace',
              className: 'cell-wrap',
              href: (w) => `/accounts/workspaces/${w.workspaceId}`,
              cell: (w) => w.name,
            },
            { header: 'Plan', cell: (w) => <Badge>{w.plan}</Badge> },
            { header: 'Subscription', cell: (w) => w.subscriptionStatus ?? '—' },
            {
              header: 'Dunning stage',
              cell: (w) => <Badge tone={STAGE_TONE[w.stage as keyof typeof STAGE_TONE]}>{w.stage}</Badge>,
            },
            {
              header: 'Next step',
              className: 'cell-wrap',
              cell: (w) => (
                <>
                  {w.nextStep}
                  {w.suspendedReason && <div className="faint">Reason: {w.suspendedReason}</div>}
                </>
              ),
            },
            {
              header: 'Overrides',
              cell: (w) => (
                <WorkspaceBillingActions
                  workspace={{ id: w.workspaceId, name: w.name, plan: w.plan, suspended: !!w.suspendedAt }}
                />
              ),
            },
          ]}
        />
        <PageLinks
          previousHref={page > 0 ? here({ ...filters, page: String(page - 1) }) : null}
          nextHref={attention.hasMore ? here({ ...filters, page: String(page + 1) }) : null}
        />
      </Card>
      <Card title="Stripe webhook events">
        <div className="stack">
          <FilterForm
            action="/billing"
            clearHref={Object.keys(filters).length > 0 ? '/billing' : null}
            fields={[
              {
                name: 'type',
                label: 'Event type',
                placeholder: 'Type (prefix, e.g. invoice.)',
                defaultValue: filters.type,
              },
              {
                name: 'state',
                label: 'State',
                defaultValue: state,
                options: [{ value: '', label: 'Any state' }, ...STATES.map((s) => ({ value: s, label: s }))],
              },
            ]}
          />
          <DataTable
            label="Stripe webhook events"
            testId="stripe-events"
            empty="No Stripe event matches"
            rows={events.items}
            rowKey={(e) => e.id}
            rowTestId={(e) => `stripe-event-${e.id}`}
            columns={[
              { header: 'Event', cell: (e) => <code>{e.id}</code> },
              { header: 'Type', cell: (e) => <code>{e.type}</code> },
              { header: 'Received (UTC)', cell: (e) => utc(e.receivedAt) },
              { header: 'Processed (UTC)', cell: (e) => (e.processedAt ? utc(e.processedAt) : '—') },
              {
                header: 'State',
                cell: (e) => (
                  <Badge tone={e.state === 'failed' ? 'danger' : e.state === 'pending' ? 'warn' : 'ok'}>
                    {e.state}
                  </Badge>
                ),
              },
              { header: 'Error', className: 'cell-wrap', cell: (e) => e.error ?? '—' },
              {
                header: 'Replay',
                hideHeader: true,
                cell: (e) => (e.processedAt ? null : <ReplayStripeEvent eventId={e.id} />),
              },
            ]}
          />
          <PageLinks
            firstHref={sp.cursor ? here(filters) : null}
            nextHref={events.nextCursor ? here({ ...filters, cursor: events.nextCursor }) : null}
          />
        </div>
      </Card>
    </div>
  );
}
