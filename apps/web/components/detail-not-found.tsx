import { buttonClass } from '@levqor/ui';
import Link from 'next/link';

/**
 * The 404 of a dashboard detail page (a job, a workflow) whose id is not this workspace's: said inside
 * the dashboard, with the way back to the list and no "Retry" (retrying cannot help).
 */
export function DetailNotFound({ noun, listHref }: { noun: 'job' | 'workflow'; listHref: string }) {
  return (
    <div className="stack card" data-testid={`${noun}-not-found`}>
      <h1>{noun === 'job' ? 'Job' : 'Workflow'} not found</h1>
      <p className="muted" style={{ margin: 0 }}>
        No {noun} with this id belongs to your workspace. It may be another workspace's, or the link may be
        mistyped.
      </p>
      <div>
        <Link className={buttonClass()} href={listHref}>
          Back to {noun}s
        </Link>
      </div>
    </div>
  );
}
