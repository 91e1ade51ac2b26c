import { DateTime, EmptyState, Timeline, type TimelineItem } from '@levqor/ui';
import type { EngineEvent } from '../api-types';

function toneOf(type: string): TimelineItem['tone'] {
  if (type.endsWith('.succeeded')) return 'ok';
  if (type.endsWith('.failed')) return 'danger';
  if (type.includes('cancel') || type.endsWith('.sleeping')) return 'warn';
  if (type.endsWith('.started')) return 'accent';
  return undefined;
}

/** The job's events, oldest first. */
export function EventTimeline({ events }: { events: EngineEvent[] }) {
  if (events.length === 0) return <EmptyState title="No events yet" />;
  return (
    <Timeline
      label="Events"
      items={events.map((e) => ({
        id: e.id,
        tone: toneOf(e.type),
        time: (
          <time dateTime={e.created_at}>
            <DateTime iso={e.created_at} />
          </time>
        ),
        title: (
          <>
            <code>{e.type}</code>
            {e.step_id && <span className="faint"> · step {e.step_id}</span>}
          </>
        ),
        body: e.message,
      }))}
    />
  );
}
