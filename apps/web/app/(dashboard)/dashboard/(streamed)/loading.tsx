import { Skeleton } from '@levqor/ui';

/**
 * While a dashboard page loads its data on the server, the shell (navigation, styles, the cookie banner)
 * is sent and painted already, and this placeholder stands where the page will be.
 *
 * The detail pages (`../jobs/[id]`, `../workflows/[slug]`) stay outside this group: once the shell has
 * streamed, the status is 200 for good, and a job or workflow that is not the caller's must answer 404.
 */
export default function DashboardLoading() {
  return (
    <div className="stack" aria-busy="true">
      <Skeleton lines={6} />
    </div>
  );
}
