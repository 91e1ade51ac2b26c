import { Card } from '@levqor/ui';
import Link from 'next/link';
import type { DashboardOverview } from '../api-types';
import { workflowHref } from '../links';

/** Three first things to do, each ticked from the workspace's own data. Hidden once all are done. */
export function FirstRunChecklist({
  checklist,
  developersUrl,
}: {
  checklist: DashboardOverview['checklist'];
  developersUrl: string;
}) {
  if (checklist.done) return null;
  const items = [
    {
      id: 'api_key',
      done: checklist.api_key,
      title: 'Create an API key',
      how: (
        <>
          In the <a href={`${developersUrl}/keys`}>developer portal</a>, to submit jobs from your own code.
        </>
      ),
    },
    {
      id: 'demo_job',
      done: checklist.demo_job,
      title: 'Run demo.flow',
      how: (
        <>
          <Link href={`${workflowHref('demo.flow')}#run`}>Open demo.flow</Link> and press “Run job”: it echoes
          its input.
        </>
      ),
    },
    {
      id: 'webhook',
      done: checklist.webhook,
      title: 'Add a webhook',
      how: (
        <>
          Submit a job with a <code>callback_url</code>: Levqor POSTs a signed event to it when the job
          finishes (see <a href={`${developersUrl}/webhooks`}>Webhooks</a>).
        </>
      ),
    },
  ];
  const left = items.filter((i) => !i.done).length;
  return (
    <Card title={`Get started · ${3 - left} of 3 done`}>
      <ol className="checklist" aria-label="First steps">
        {items.map((item) => (
          <li key={item.id} data-testid={`checklist-${item.id}`} data-done={item.done}>
            <span className={item.done ? 'check check-done' : 'check'} aria-hidden="true">
              {item.done ? '✓' : ''}
            </span>
            <div>
              <strong>{item.title}</strong>{' '}
              <span className="sr-only">{item.done ? '(done)' : '(to do)'}</span>
              <div className="muted" style={{ fontSize: 14 }}>
                {item.how}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
