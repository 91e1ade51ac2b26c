import { buttonClass } from '@levqor/ui';
import Link from 'next/link';

/** A job id that is not this workspace's (or no job at all): a 404 inside the dashboard, no retry. */
export default function JobNotFound() {
  return (
    <div className="stack card" data-testid="job-not-found">
      <h1>Job not found</h1>
      <p className="muted" style={{ margin: 0 }}>
        No job with this id belongs to your workspace. It may be another workspace's, or the link may be
        mistyped.
      </p>
      <div>
        <Link className={buttonClass()} href="/dashboard/jobs">
          Back to jobs
        </Link>
      </div>
    </div>
  );
}
